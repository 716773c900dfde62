package io.redistributor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link KernelDensity} and {@link Bandwidth}: edges, rules, persistence, sampling. */
class KernelDensityTest {

    private static double[] normal(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    @Test
    void rejectsBadInputNamingArgumentValueAndRule() {
        assertMessage(() -> KernelDensity.of(null, 1, 100), "x");
        assertMessage(() -> KernelDensity.of(new double[0], 1, 100), "x.length (0) must be >= 1");
        assertMessage(() -> KernelDensity.of(new double[] {1, Double.NaN}, 1, 100), "x[1] (NaN) must be finite");
        assertMessage(() -> KernelDensity.of(new double[] {Double.NEGATIVE_INFINITY}, 1, 100),
            "x[0] (-Infinity) must be finite");
        assertMessage(() -> KernelDensity.of(new double[] {1, 2}, 0, 100), "bandwidth (0.0) must be > 0");
        assertMessage(() -> KernelDensity.of(new double[] {1, 2}, -1, 100), "bandwidth (-1.0) must be > 0");
        assertMessage(() -> KernelDensity.of(new double[] {1, 2}, Double.NaN, 100), "bandwidth (NaN) must be > 0");
        assertMessage(() -> KernelDensity.of(new double[] {1, 2}, Double.POSITIVE_INFINITY, 100),
            "bandwidth (Infinity) must be > 0 and finite");
        assertMessage(() -> KernelDensity.of(new double[] {1, 2}, 1, 9), "gridDensity (9) must be >= 10");
        assertMessage(() -> KernelDensity.fit(new double[] {3}), "x.length (1) must be >= 2");
        assertMessage(() -> KernelDensity.fit(new double[] {3, 3, 3}), "bandwidth (0.0) from the rule SCOTT");
        assertMessage(() -> KernelDensity.of(new double[] {1e300, -1e300}, 1e307, 100), "bandwidth (1.0E307) must keep the grid");
        // h far below the spacing of doubles near 1e15: grid points would coincide
        assertMessage(() -> KernelDensity.of(new double[] {1e15, 1e15 + 0.5}, 1e-6, 5000), "grid points coincide");
        assertMessage(() -> KernelDensity.fitter().withRule(null), "rule");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
    }

    @Test
    void edgeValuesOfCdfQuantileAndDensity() {
        KernelDensity d = KernelDensity.of(normal(300, 1), 0.4, 500);
        assertTrue(Double.isNaN(d.cdf(Double.NaN)));
        assertTrue(Double.isNaN(d.cdfPrecise(Double.NaN)));
        assertTrue(Double.isNaN(d.density(Double.NaN)));
        assertTrue(Double.isNaN(d.quantile(Double.NaN)));
        assertEquals(0, d.cdf(Double.NEGATIVE_INFINITY));
        assertEquals(1, d.cdf(Double.POSITIVE_INFINITY));
        assertEquals(0, d.density(Double.NEGATIVE_INFINITY));
        assertEquals(0, d.density(Double.POSITIVE_INFINITY));
        assertEquals(Double.NEGATIVE_INFINITY, d.quantile(0));
        assertEquals(Double.POSITIVE_INFINITY, d.quantile(1));
        assertThrows(IllegalArgumentException.class, () -> d.quantile(-1e-9));
        assertThrows(IllegalArgumentException.class, () -> d.quantile(1.5));
        // the ends of the grid map to each other
        assertEquals(d.supportLower(), d.quantile(d.probabilityLower()), 0);
        assertEquals(d.supportUpper(), d.quantile(d.probabilityUpper()), Math.ulp(d.supportUpper()) * 4);
        assertEquals(d.probabilityLower(), d.cdf(d.supportLower()), 0);
        // far below the support every term underflows in the reference: exactly 0; far above exactly 1
        assertEquals(0, d.cdf(d.supportLower() - 10));
        assertEquals(1, d.cdf(d.supportUpper() + 10));
    }

    @Test
    void singlePointIsOneGaussian() {
        KernelDensity d = KernelDensity.of(new double[] {2}, 0.5, 1000);
        // one kernel: cdf and density are the normal N(2, 0.25) ones
        assertEquals(0.5, d.cdfPrecise(2), 1e-16);
        assertEquals(1 / (0.5 * Math.sqrt(2 * Math.PI)), d.density(2), 1e-15);
        assertEquals(ParametricDistribution.normal(2, 0.5).cdf(2.3), d.cdfPrecise(2.3), 1e-16);
        assertEquals(2, d.quantile(0.5), 1e-3); // grid step 78·0.5/999 ≈ 0.04, linear error ≪ 1e-3 at the centre
        double s = d.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        assertEquals(s, d.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L)), 0, "same seed, same draw");
        assertTrue(Double.isFinite(s));
    }

    @Test
    void quantileInvertsTheFastCdf() {
        KernelDensity d = KernelDensity.of(normal(500, 2), 0.3, 1000);
        for (int i = 1; i < 200; i++) {
            double p = i / 200.0;
            // interpolating the same grid both ways: equal up to a few roundings of p
            assertEquals(p, d.cdf(d.quantile(p)), 1e-14, "p = " + p);
        }
        double prev = 0;
        for (double q = d.supportLower(); q <= d.supportUpper(); q += 0.01) {
            double p = d.cdf(q);
            assertTrue(p >= prev, "cdf decreases at " + q);
            prev = p;
        }
    }

    @Test
    void flatGridQuantileIsTheFirstPointOfTheFlat() {
        // two far-apart points: every interior grid point has cdf exactly 1/2
        KernelDensity d = KernelDensity.of(new double[] {0, 1e12}, 1, 10);
        assertEquals(0.5, d.probabilityLower(), 0);
        assertEquals(0.5, d.probabilityUpper(), 0);
        assertEquals(d.supportLower(), d.quantile(0.5), 0);
        assertEquals(Double.NEGATIVE_INFINITY, d.quantile(0.49));
        assertEquals(Double.POSITIVE_INFINITY, d.quantile(0.51));
    }

    @Test
    void bandwidthRulesFollowTheirFormulas() {
        // x = 1..5: mean 3, sd = sqrt(10/4); type-7 quartiles 2 and 4, IQR 2
        double[] x = {5, 1, 4, 2, 3};
        double shrink = Math.pow(5, -0.2);
        assertEquals(Math.sqrt(2.5) * shrink, Bandwidth.SCOTT.of(x), 1e-15);
        assertEquals(0.9 * Math.min(Math.sqrt(2.5), 2 / 1.34) * shrink, Bandwidth.SILVERMAN.of(x), 1e-15);
        // more than half tied: IQR 0, Silverman falls back to sd
        double[] tied = {0, 1, 1, 1, 1, 1, 9};
        double mean = 14.0 / 7;
        double ss = 0;
        for (double v : tied) {
            ss += (v - mean) * (v - mean);
        }
        assertEquals(0.9 * Math.sqrt(ss / 6) * Math.pow(7, -0.2), Bandwidth.SILVERMAN.of(tied), 1e-15);
        assertEquals(Bandwidth.SCOTT.of(x), KernelDensity.fit(x).bandwidth(), 0);
        assertEquals(Bandwidth.SILVERMAN.of(x),
            KernelDensity.fitter().withRule(Bandwidth.SILVERMAN).fit(x).bandwidth(), 0);
    }

    @Test
    void rebuildingFromDataBandwidthAndGridGivesIdenticalResults() {
        double[] x = normal(700, 3);
        KernelDensity d = KernelDensity.fitter().withRule(Bandwidth.SILVERMAN).withGridDensity(800).fit(x);
        KernelDensity back = KernelDensity.of(d.data(), d.bandwidth(), d.gridDensity());
        assertEquals(d, back);
        assertEquals(d.hashCode(), back.hashCode());
        assertArrayEquals(d.gridValues(), back.gridValues());
        assertArrayEquals(d.gridProbabilities(), back.gridProbabilities());
        assertEquals(d.gridUsed(), back.gridUsed());
        for (double q = -6; q < 6; q += 0.37) {
            assertEquals(d.cdf(q), back.cdf(q), 0);
            assertEquals(d.cdfPrecise(q), back.cdfPrecise(q), 0);
            assertEquals(d.density(q), back.density(q), 0);
        }
        assertArrayEquals(d.sample(50, 9), back.sample(50, 9));
        assertArrayEquals(x, d.data(), "data in the given order");
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() throws Exception {
        // large enough for the parallel paths (moments and grid on the pool)
        double[] x = normal(40_000, 4);
        KernelDensity common = KernelDensity.of(x, 0.05, 3000);
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            KernelDensity one = single.submit(() -> KernelDensity.of(x, 0.05, 3000)).get();
            assertArrayEquals(common.gridValues(), one.gridValues());
            assertArrayEquals(common.gridProbabilities(), one.gridProbabilities());
        } finally {
            single.shutdown();
        }
    }

    @Test
    void samplingIsSeededAndFollowsTheDensity() {
        KernelDensity d = KernelDensity.of(normal(400, 5), 0.25, 2000);
        double[] a = d.sample(20_000, 11);
        assertArrayEquals(a, d.sample(20_000, 11));
        assertFalse(java.util.Arrays.equals(a, d.sample(20_000, 12)));
        // fixed seed: the KS test either passes or fails on every run; 0.001 leaves room for a fair draw
        double pValue = KolmogorovSmirnovTest.withDefaults().test(a, d::cdfPrecise).getPValue();
        assertTrue(pValue > 0.001, "KS p-value " + pValue);
        // a wrong sampler (no noise) must be rejected by the same test
        double[] noNoise = new double[20_000];
        double[] data = d.data();
        Random r = new Random(13);
        for (int i = 0; i < noNoise.length; i++) {
            noNoise[i] = data[r.nextInt(data.length)];
        }
        double wrong = KolmogorovSmirnovTest.withDefaults().test(noNoise, d::cdfPrecise).getPValue();
        assertTrue(wrong < 0.001, "KS should see the missing noise, p = " + wrong);
    }

    @Test
    void userGuideExampleRuns() {
        // the example of docs/kde.md, with x filled in
        double[] x = normal(2000, 7);
        KernelDensity kde = KernelDensity.fit(x);
        KernelDensity silverman = KernelDensity.fitter().withRule(Bandwidth.SILVERMAN).withGridDensity(2000).fit(x);
        KernelDensity fixed = KernelDensity.of(x, 0.25, 5000);
        double p = kde.cdf(1.5);
        double exact = kde.cdfPrecise(1.5);
        double f = kde.density(1.5);
        double q = kde.quantile(0.99);
        Redistributor r = Redistributor.of(kde, ParametricDistribution.standardNormal());
        double[] z = r.transform(x);
        double[] draws = kde.sample(10_000, 42L);
        // fast and precise cdf agree to the grid's interpolation error (step ≈ 0.01 here: ≪ 1e-4)
        assertEquals(exact, p, 1e-4);
        assertTrue(f > 0 && q > 1.5 && z.length == x.length && draws.length == 10_000);
        assertEquals(2000, silverman.gridDensity());
        assertEquals(0.25, fixed.bandwidth(), 0);
    }

    @Test
    void worksAsRedistributorSource() {
        KernelDensity d = KernelDensity.of(normal(1000, 6), 0.2, 5000);
        Redistributor r = Redistributor.of(d, ParametricDistribution.uniform(0, 1));
        double[] y = r.transform(new double[] {-1, 0, 1});
        assertTrue(y[0] < y[1] && y[1] < y[2]);
        assertEquals(d.cdf(0), y[1], 1e-15);
        assertNotEquals(d.toString(), "");
    }
}
