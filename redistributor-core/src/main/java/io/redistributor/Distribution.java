package io.redistributor;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A continuous univariate distribution: the building block of a {@link Redistributor}.
 *
 * <p>Implementations are immutable and safe to share between threads. The scalar methods are
 * convenient; the bulk array methods ({@code (src, srcPos, dst, dstPos, length)}) are the fast
 * path, allocate nothing per value, and may be overridden with faster loops. Source and
 * destination ranges may be the same array at the same offset (in-place evaluation).
 *
 * <p>Edge cases shared by every implementation:
 * <ul>
 *   <li>NaN in gives NaN out, for {@link #cdf}, {@link #quantile} and {@link #density}.</li>
 *   <li>{@link #cdf} of {@code -∞} and {@code +∞} follows the implementation's out-of-support
 *       rule (a parametric distribution gives 0 and 1).</li>
 *   <li>{@link #quantile} takes {@code p} in [0, 1]; any other non-NaN value throws
 *       {@link IllegalArgumentException}.</li>
 * </ul>
 */
public interface Distribution {

    /**
     * Cumulative distribution function.
     *
     * @param x a value; NaN gives NaN
     * @return P(X ≤ x), in [0, 1], or NaN where the implementation documents it
     */
    double cdf(double x);

    /**
     * Quantile function (percent point function), the inverse of {@link #cdf}.
     *
     * @param p a probability in [0, 1]; NaN gives NaN
     * @return the value x with cdf(x) = p, possibly ±∞ at p = 0 or 1
     * @throws IllegalArgumentException if p is outside [0, 1]
     */
    double quantile(double p);

    /**
     * Probability density function.
     *
     * @param x a value; NaN gives NaN
     * @return the density at x (0 outside the support)
     */
    double density(double x);

    /**
     * Lower end of the support: the smallest value at which the distribution is defined with
     * distinct probabilities (may be {@code -∞}).
     *
     * @return the lower end of the support
     */
    double supportLower();

    /**
     * Upper end of the support (may be {@code +∞}).
     *
     * @return the upper end of the support
     */
    double supportUpper();

    /**
     * Bulk {@link #cdf(double)}: {@code dst[dstPos + i] = cdf(src[srcPos + i])}.
     *
     * @param src values
     * @param srcPos first index in {@code src}
     * @param dst destination (may be {@code src})
     * @param dstPos first index in {@code dst}
     * @param length number of values
     * @throws IndexOutOfBoundsException if a range is outside its array
     */
    default void cdf(double[] src, int srcPos, double[] dst, int dstPos, int length) {
        Checks.ranges(src.length, srcPos, dst.length, dstPos, length);
        for (int i = 0; i < length; i++) {
            dst[dstPos + i] = cdf(src[srcPos + i]);
        }
    }

    /**
     * Bulk {@link #cdf(double)} for {@code float} data, computed in double precision.
     *
     * @param src values
     * @param srcPos first index in {@code src}
     * @param dst destination (may be {@code src})
     * @param dstPos first index in {@code dst}
     * @param length number of values
     */
    default void cdf(float[] src, int srcPos, float[] dst, int dstPos, int length) {
        Checks.ranges(src.length, srcPos, dst.length, dstPos, length);
        for (int i = 0; i < length; i++) {
            dst[dstPos + i] = (float) cdf(src[srcPos + i]);
        }
    }

    /**
     * Bulk {@link #quantile(double)}: {@code dst[dstPos + i] = quantile(src[srcPos + i])}.
     *
     * @param src probabilities in [0, 1] (NaN passes through)
     * @param srcPos first index in {@code src}
     * @param dst destination (may be {@code src})
     * @param dstPos first index in {@code dst}
     * @param length number of values
     * @throws IllegalArgumentException if a probability is outside [0, 1]
     */
    default void quantile(double[] src, int srcPos, double[] dst, int dstPos, int length) {
        Checks.ranges(src.length, srcPos, dst.length, dstPos, length);
        for (int i = 0; i < length; i++) {
            dst[dstPos + i] = quantile(src[srcPos + i]);
        }
    }

    /**
     * Bulk {@link #quantile(double)} for {@code float} data, computed in double precision.
     *
     * @param src probabilities in [0, 1] (NaN passes through)
     * @param srcPos first index in {@code src}
     * @param dst destination (may be {@code src})
     * @param dstPos first index in {@code dst}
     * @param length number of values
     */
    default void quantile(float[] src, int srcPos, float[] dst, int dstPos, int length) {
        Checks.ranges(src.length, srcPos, dst.length, dstPos, length);
        for (int i = 0; i < length; i++) {
            dst[dstPos + i] = (float) quantile(src[srcPos + i]);
        }
    }

    /**
     * Bulk {@link #density(double)}.
     *
     * @param src values
     * @param srcPos first index in {@code src}
     * @param dst destination (may be {@code src})
     * @param dstPos first index in {@code dst}
     * @param length number of values
     */
    default void density(double[] src, int srcPos, double[] dst, int dstPos, int length) {
        Checks.ranges(src.length, srcPos, dst.length, dstPos, length);
        for (int i = 0; i < length; i++) {
            dst[dstPos + i] = density(src[srcPos + i]);
        }
    }

    /**
     * Convenience form of the bulk cdf that returns a new array.
     *
     * @param x values (not modified)
     * @return cdf of each value
     */
    default double[] cdf(double[] x) {
        Checks.notNull(x, "x");
        double[] out = new double[x.length];
        cdf(x, 0, out, 0, x.length);
        return out;
    }

    /**
     * Convenience form of the bulk quantile that returns a new array.
     *
     * @param p probabilities in [0, 1] (not modified)
     * @return quantile of each probability
     */
    default double[] quantile(double[] p) {
        Checks.notNull(p, "p");
        double[] out = new double[p.length];
        quantile(p, 0, out, 0, p.length);
        return out;
    }

    /**
     * Draws one value by inversion: {@code quantile(u)} with u uniform on the open interval
     * (0, 1). Implementations may override with a faster exact sampler.
     *
     * @param rng the source of randomness
     * @return a random value from this distribution
     */
    default double sample(UniformRandomProvider rng) {
        return quantile(Checks.openUnit(rng));
    }

    /**
     * Fills {@code dst[pos, pos + length)} with independent draws.
     *
     * @param rng the source of randomness
     * @param dst destination
     * @param pos first index
     * @param length number of draws
     */
    default void sample(UniformRandomProvider rng, double[] dst, int pos, int length) {
        Checks.notNull(rng, "rng");
        Checks.ranges(dst.length, pos, dst.length, pos, length);
        for (int i = 0; i < length; i++) {
            dst[pos + i] = sample(rng);
        }
    }

    /**
     * Draws {@code n} values reproducibly from a seed (the generator is
     * {@link RandomSource#XO_RO_SHI_RO_128_PP} seeded with {@code seed}).
     *
     * @param n number of values, at least 0
     * @param seed the seed; the same seed gives the same values
     * @return the sample
     * @throws IllegalArgumentException if n is negative
     */
    default double[] sample(int n, long seed) {
        if (n < 0) {
            throw Checks.error("n", n, "must be >= 0");
        }
        double[] out = new double[n];
        sample(RandomSource.XO_RO_SHI_RO_128_PP.create(seed), out, 0, n);
        return out;
    }
}
