package io.redistributor.diagnostics;

import io.redistributor.Distribution;
import io.redistributor.KernelDensity;
import io.redistributor.ParametricDistribution;
import java.util.Locale;

/**
 * How far data (typically the output of a {@link io.redistributor.Redistributor}) is from the
 * distribution it should follow, in one call: {@link #of(double[], Distribution)}.
 *
 * <p>NaN values are ignored and counted ({@link #nanCount()}): a transform passes NaN through,
 * so they are missing values, not evidence about the fit. ±∞ values are kept for the
 * Kolmogorov–Smirnov test, where they are legitimate extremes, but left out of the Wasserstein
 * distance and the mean and standard deviation, and counted ({@link #infiniteCount()}).
 *
 * @param n number of values given, including NaN and ±∞
 * @param nanCount number of NaN values (ignored)
 * @param infiniteCount number of ±∞ values (in the KS test only)
 * @param ksStatistic Kolmogorov–Smirnov D against the target, over the non-NaN values
 * @param ksPValue its exact p-value; small values (below 0.01, say) mean the data do not follow
 *     the target. With very large n even a tiny, harmless deviation gives a small p-value, so
 *     read it together with D and W₁
 * @param wasserstein W₁ distance to the target, over the finite values, in the units of the data
 *     (see {@link Wasserstein#distance(double[], Distribution)})
 * @param mean mean of the finite values
 * @param sd sample standard deviation of the finite values (n − 1 denominator; NaN for 1 value)
 * @param targetMean mean of the target (see {@link #targetMoments(Distribution)}); NaN or ±∞ when
 *     it does not exist
 * @param targetSd standard deviation of the target; NaN or +∞ when it does not exist
 */
public record FitReport(long n, long nanCount, long infiniteCount, double ksStatistic, double ksPValue,
                        double wasserstein, double mean, double sd, double targetMean, double targetSd) {

    /**
     * Measures data against a target distribution.
     *
     * @param data the values (not modified); NaN are ignored and counted
     * @param target the distribution the data should follow
     * @return the report
     * @throws IllegalArgumentException if data or target is null, fewer than 2 values are not NaN,
     *     no value is finite, or the target's cdf is NaN at a value (outside a bounded learned
     *     distribution)
     */
    public static FitReport of(double[] data, Distribution target) {
        if (data == null || target == null) {
            throw new IllegalArgumentException("data (" + (data == null ? "null" : "given") + ") and target ("
                + target + ") must not be null");
        }
        int nan = 0;
        int inf = 0;
        for (double v : data) {
            if (Double.isNaN(v)) {
                nan++;
            } else if (Double.isInfinite(v)) {
                inf++;
            }
        }
        double[] present = new double[data.length - nan];
        double[] finite = new double[data.length - nan - inf];
        int p = 0;
        int f = 0;
        for (double v : data) {
            if (!Double.isNaN(v)) {
                present[p++] = v;
                if (!Double.isInfinite(v)) {
                    finite[f++] = v;
                }
            }
        }
        if (present.length < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "data has %d values that are not NaN (of %d); at least 2 are needed", present.length, data.length));
        }
        if (finite.length == 0) {
            throw new IllegalArgumentException("data has no finite value (" + inf + " infinite, " + nan + " NaN)");
        }
        KolmogorovSmirnov.Result ks = KolmogorovSmirnov.test(present, target);
        double w1 = Wasserstein.distance(finite, target);
        double mean = mean(finite);
        double ss = 0;
        for (double v : finite) {
            ss += (v - mean) * (v - mean);
        }
        double sd = finite.length > 1 ? Math.sqrt(ss / (finite.length - 1)) : Double.NaN;
        double[] tm = targetMoments(target);
        return new FitReport(data.length, nan, inf, ks.statistic(), ks.pValue(), w1, mean, sd, tm[0], tm[1]);
    }

    /**
     * Measures {@code float} data against a target (computed in double precision).
     *
     * @param data the values (not modified)
     * @param target the distribution
     * @return the report
     * @throws IllegalArgumentException as {@link #of(double[], Distribution)}
     */
    public static FitReport of(float[] data, Distribution target) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i];
        }
        return of(d, target);
    }

    /**
     * The mean and standard deviation of a distribution, as {@code {mean, sd}}. For a
     * {@link ParametricDistribution} they are Commons Statistics' closed forms (NaN or ∞ where
     * they do not exist, e.g. Cauchy); for a {@link KernelDensity}, those of its Gaussian mixture
     * (the data's mean; the data's variance with divisor n plus h²). Otherwise they are those of the
     * distribution whose quantile function is {@code d.quantile} on [0, 1], by the quadrature of
     * {@link Wasserstein#distance(double[], Distribution)}: for a
     * {@link io.redistributor.LearnedDistribution} this includes the probability below its first
     * and above its last lattice point, held at the first and last lattice value, and is exact up
     * to rounding.
     *
     * @param d the distribution
     * @return {mean, sd}
     * @throws IllegalArgumentException if d is null
     */
    public static double[] targetMoments(Distribution d) {
        if (d == null) {
            throw new IllegalArgumentException("d must not be null");
        }
        if (d instanceof ParametricDistribution p) {
            return new double[] {p.delegate().getMean(), Math.sqrt(p.delegate().getVariance())};
        }
        if (d instanceof KernelDensity k) {
            // the Gaussian mixture: mean of the data, variance of the data (divisor n) plus h²
            double[] x = k.data();
            double mean = mean(x);
            Wasserstein.Sum ss = new Wasserstein.Sum();
            for (double v : x) {
                ss.add((v - mean) * (v - mean));
            }
            return new double[] {mean, Math.sqrt(ss.value() / x.length + k.bandwidth() * k.bandwidth())};
        }
        QuantileQuadrature q = new QuantileQuadrature(d);
        double mean = q.integrate(0, 1, 0, QuantileQuadrature.SIGNED, true);
        double var = q.integrate(0, 1, mean, QuantileQuadrature.SQUARE, true);
        return new double[] {mean, Math.sqrt(var)};
    }

    private static double mean(double[] x) {
        Wasserstein.Sum s = new Wasserstein.Sum();
        for (double v : x) {
            s.add(v);
        }
        return s.value() / x.length;
    }

    /**
     * A readable one-line summary, e.g.
     * {@code n=1000 (NaN 0, infinite 0): KS D=0.0213 p=0.7512, W1=0.0191, mean 0.0031 (target 0),
     * sd 1.0022 (target 1)}.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
            "n=%d (NaN %d, infinite %d): KS D=%.4g p=%.4g, W1=%.4g, mean %.4g (target %.4g), sd %.4g (target %.4g)",
            n, nanCount, infiniteCount, ksStatistic, ksPValue, wasserstein, mean, targetMean, sd, targetSd);
    }
}
