package io.redistributor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.Distribution;
import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The one-call report of transformed data against its target. */
class FitReportTest {

    private static final ParametricDistribution TARGET = ParametricDistribution.normal(5, 2);

    /** Fixed-seed gamma data redistributed to N(5, 2). */
    private static double[] transformed() {
        double[] x = ParametricDistribution.of("gamma", 2, 1.5).sample(2000, 17);
        return Redistributor.of(LearnedDistribution.fit(x), TARGET).transform(x);
    }

    @Test
    void fieldsAreTheDirectMeasures() {
        double[] y = transformed();
        FitReport r = FitReport.of(y, TARGET);
        assertEquals(2000, r.n());
        assertEquals(0, r.nanCount());
        assertEquals(0, r.infiniteCount());
        KolmogorovSmirnov.Result ks = KolmogorovSmirnov.test(y, TARGET);
        assertEquals(ks.statistic(), r.ksStatistic());
        assertEquals(ks.pValue(), r.ksPValue());
        assertEquals(Wasserstein.distance(y, TARGET), r.wasserstein());
        double mean = Arrays.stream(y).sum() / y.length;
        double ss = Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum();
        // two-pass sums of 2000 values near 5: roundings below 1e-12
        assertEquals(mean, r.mean(), 1e-12);
        assertEquals(Math.sqrt(ss / (y.length - 1)), r.sd(), 1e-12);
        assertEquals(5, r.targetMean());
        assertEquals(2, r.targetSd());
        // The training data, redistributed, follow the target: the KS test does not reject at 1 %.
        assertTrue(r.ksPValue() > 0.01, r.toString());
    }

    @Test
    void nanIsIgnoredAndCounted() {
        double[] y = transformed();
        double[] withNan = Arrays.copyOf(y, y.length + 3);
        withNan[y.length] = Double.NaN;
        withNan[y.length + 1] = Double.NaN;
        withNan[y.length + 2] = Double.NaN;
        FitReport clean = FitReport.of(y, TARGET);
        FitReport r = FitReport.of(withNan, TARGET);
        assertEquals(y.length + 3, r.n());
        assertEquals(3, r.nanCount());
        assertEquals(new FitReport(r.n(), 3, 0, clean.ksStatistic(), clean.ksPValue(), clean.wasserstein(), clean.mean(),
            clean.sd(), 5, 2), r);
    }

    @Test
    void infinitiesCountInKsOnly() {
        double[] y = {4, 5, 6, Double.POSITIVE_INFINITY, 5.5};
        FitReport r = FitReport.of(y, TARGET);
        assertEquals(1, r.infiniteCount());
        assertEquals(KolmogorovSmirnov.test(y, TARGET).statistic(), r.ksStatistic());
        double[] finite = {4, 5, 6, 5.5};
        assertEquals(Wasserstein.distance(finite, TARGET), r.wasserstein());
        assertEquals(5.125, r.mean(), 1e-15);
    }

    @Test
    void floatDataGiveTheSameReport() {
        float[] f = {4.5f, 5.25f, 7f, 3.75f, Float.NaN};
        double[] d = {4.5, 5.25, 7, 3.75, Double.NaN};
        assertEquals(FitReport.of(d, TARGET), FitReport.of(f, TARGET));
    }

    @Test
    void targetMomentsOfALearnedDistributionByHand() {
        // fit {0, 1, 2}: Q = 0 on [0, 1/4], 4 (u - 1/4) on [1/4, 3/4], 2 on [3/4, 1].
        // mean = 0 + 1/2 * 1 + 1/4 * 2 = 1; E X^2 = 16 (1/2)^3 / 3 + 4 / 4 = 5/3; var = 2/3
        double[] m = FitReport.targetMoments(LearnedDistribution.fit(new double[] {0, 1, 2}));
        // exact pieces, summed with a few roundings
        assertEquals(1, m[0], 1e-14);
        assertEquals(Math.sqrt(2.0 / 3), m[1], 1e-14);
    }

    @Test
    void targetMomentsByQuadratureForOtherDistributions() {
        Distribution wrapped = new Distribution() {
            @Override
            public double cdf(double x) {
                return TARGET.cdf(x);
            }

            @Override
            public double quantile(double p) {
                return TARGET.quantile(p);
            }

            @Override
            public double density(double x) {
                return TARGET.density(x);
            }

            @Override
            public double supportLower() {
                return TARGET.supportLower();
            }

            @Override
            public double supportUpper() {
                return TARGET.supportUpper();
            }
        };
        double[] m = FitReport.targetMoments(wrapped);
        // tanh-sinh on the smooth normal quantile: 1e-12 relative, as for the W1 quadrature
        assertEquals(5, m[0], 5e-12);
        assertEquals(2, m[1], 2e-12);
        assertTrue(Double.isNaN(FitReport.targetMoments(ParametricDistribution.of("cauchy"))[0]));
    }

    @Test
    void readableSummary() {
        String s = FitReport.of(new double[] {4, 5, 6, Double.NaN}, TARGET).toString();
        assertTrue(s.startsWith("n=4 (NaN 1, infinite 0): KS D="), s);
        assertTrue(s.contains("mean 5.000 (target 5.000), sd 1.000 (target 2.000)"), s);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FitReport.of((double[]) null, TARGET));
        assertThrows(IllegalArgumentException.class, () -> FitReport.of(new double[] {1, 2}, null));
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
            () -> FitReport.of(new double[] {1, Double.NaN, Double.NaN}, TARGET));
        assertTrue(few.getMessage().contains("1 values that are not NaN (of 3)"), few.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FitReport.of(new double[0], TARGET));
        assertThrows(IllegalArgumentException.class,
            () -> FitReport.of(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}, TARGET));
        double[] x = {3, Double.NaN, 1};
        FitReport.of(x, TARGET);
        assertArrayEquals(new double[] {3, Double.NaN, 1}, x);
    }
}
