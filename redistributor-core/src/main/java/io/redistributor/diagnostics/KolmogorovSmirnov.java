package io.redistributor.diagnostics;

import io.redistributor.Distribution;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Two-sided Kolmogorov–Smirnov tests, computed by Apache Commons Statistics
 * ({@link KolmogorovSmirnovTest} with its defaults).
 *
 * <p>The statistic is D = sup |F_n(x) − F(x)| (one sample against a distribution) or
 * sup |F_n(x) − G_m(x)| (two samples). p-values: the one-sample test uses the exact distribution
 * of D for every n (Simard and L'Ecuyer); the two-sample test is exact when both samples are
 * shorter than 10000 and otherwise uses the asymptotic Kolmogorov distribution. The two-sample
 * p-value is P(D ≥ d).
 *
 * <p>Input rules: each sample needs at least 2 values; NaN is refused with an
 * {@link IllegalArgumentException} naming the index (remove NaN first, or use {@link FitReport},
 * which ignores NaN); ±∞ are allowed (they sit at cdf 0 or 1). The caller's arrays are not
 * modified. In the one-sample test the distribution's cdf must give a probability at every sample
 * value: a value outside the bounds of a bounded {@link io.redistributor.LearnedDistribution},
 * where its cdf is NaN, is refused. The test assumes a continuous distribution; with ties in the
 * data the two-sample result reports whether they could change D
 * ({@link Result#significantTies()}).
 */
public final class KolmogorovSmirnov {

    private static final KolmogorovSmirnovTest TEST = KolmogorovSmirnovTest.withDefaults();

    /**
     * A test result.
     *
     * @param statistic D, in [0, 1]
     * @param pValue the p-value, in [0, 1]
     * @param significantTies two-sample only: whether ties between the samples could make D larger
     *     if they were resolved in some order (then the p-value may be too large); false for the
     *     one-sample test
     */
    public record Result(double statistic, double pValue, boolean significantTies) {
    }

    private KolmogorovSmirnov() {
    }

    /**
     * One-sample test of x against a distribution.
     *
     * @param x the sample: at least 2 values, no NaN (not modified)
     * @param d the distribution
     * @return D and its exact p-value
     * @throws IllegalArgumentException if x is null, shorter than 2 or holds NaN, d is null, or
     *     d's cdf is NaN at a value of x
     */
    public static Result test(double[] x, Distribution d) {
        check(x, "x");
        if (d == null) {
            throw new IllegalArgumentException("d must not be null");
        }
        DoubleUnaryOperator cdf = v -> {
            double p = d.cdf(v);
            if (Double.isNaN(p)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the cdf of %s is NaN at %s: the value is outside the distribution's support", d, v));
            }
            return p;
        };
        KolmogorovSmirnovTest.OneResult r = TEST.test(x, cdf);
        return new Result(r.getStatistic(), r.getPValue(), false);
    }

    /**
     * Two-sample test of whether x and y come from the same distribution.
     *
     * @param x the first sample: at least 2 values, no NaN (not modified)
     * @param y the second sample: at least 2 values, no NaN (not modified)
     * @return D, its p-value and whether ties matter
     * @throws IllegalArgumentException if a sample is null, shorter than 2 or holds NaN
     */
    public static Result test(double[] x, double[] y) {
        check(x, "x");
        check(y, "y");
        KolmogorovSmirnovTest.TwoResult r = TEST.test(x, y);
        return new Result(r.getStatistic(), r.getPValue(), r.hasSignificantTies());
    }

    private static void check(double[] x, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (x.length < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s has %d values; the Kolmogorov-Smirnov test needs at least 2", name, x.length));
        }
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s[%d] is NaN; remove NaN values first", name, i));
            }
        }
    }
}
