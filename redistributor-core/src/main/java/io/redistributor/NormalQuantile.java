package io.redistributor;

import org.apache.commons.numbers.gamma.Erf;
import org.apache.commons.numbers.gamma.Erfc;

/**
 * The standard normal quantile Q, full precision, from a table and a short Taylor series.
 *
 * <p>For s = min(p, 1 - p) ≥ 2^-32 the nearest of 256 grid points per binade, g, is read from the
 * bits of s (exponent and top mantissa bits, rounded); the table holds Q(g) and 1 / φ(Q(g)),
 * computed once by AS 241 and two Newton steps. Q(s) is then the Taylor series around g up to the
 * fifth power of u = (s - g) / φ(Q(g)), whose truncation error is below 0.01 ulp because
 * |s - g| ≤ 2^-9 g. Smaller s, the ends, NaN and invalid p take Wichura's algorithm AS 241
 * (PPND16, Applied Statistics 37, 1988): three rational approximations of degree 7.
 *
 * <p>Why not AS 241 everywhere: the bulk form spent 10.1 ns per value on it against 6.9 ns for
 * the table and series ({@code KernelBench.normalQuantile} in redistributor-bench, and a
 * single-thread loop over 2^15 uniform probabilities timed by thread CPU time, both on the shared
 * two-core machine at load average 11, so both figures are inflated); AS 241 needs a logarithm,
 * a square root and a division in the tails (15 % of the values), the series only multiplications
 * and additions, which the JIT compiles to SIMD instructions. Commons Statistics'
 * {@code NormalDistribution.inverseCumulativeProbability} took 55 ns per value.
 *
 * <p>Accuracy: within 4 ulp of the exact quantile on the table's range (largest error seen 3.0
 * ulp, {@code NormalQuantilePrecisionTest} against 60-digit arithmetic, also 3.0 ulp against
 * 120-bit mpmath on 20 000 random points), within 6 ulp below 2^-32 (AS 241), and within a
 * relative 2e-15 of Commons Statistics everywhere ({@code NormalQuantileTest}). Q(1 - p) = -Q(p)
 * exactly for every p whose 1 - p is exact, and the scalar and bulk forms agree bit for bit.
 *
 * <p>Edge cases: p = 0 gives -∞, p = 1 gives +∞, NaN gives NaN. Callers validate the range.
 */
final class NormalQuantile {
    // Centre: |q| <= 0.425, r = 0.180625 - q^2.
    private static final double A0 = 3.3871328727963666080e0;
    private static final double A1 = 1.3314166789178437745e+2;
    private static final double A2 = 1.9715909503065514427e+3;
    private static final double A3 = 1.3731693765509461125e+4;
    private static final double A4 = 4.5921953931549871457e+4;
    private static final double A5 = 6.7265770927008700853e+4;
    private static final double A6 = 3.3430575583588128105e+4;
    private static final double A7 = 2.5090809287301226727e+3;
    private static final double B1 = 4.2313330701600911252e+1;
    private static final double B2 = 6.8718700749205790830e+2;
    private static final double B3 = 5.3941960214247511077e+3;
    private static final double B4 = 2.1213794301586595867e+4;
    private static final double B5 = 3.9307895800092710610e+4;
    private static final double B6 = 2.8729085735721942674e+4;
    private static final double B7 = 5.2264952788528545610e+3;
    // Intermediate tail: r <= 5, argument r - 1.6.
    private static final double C0 = 1.42343711074968357734e0;
    private static final double C1 = 4.63033784615654529590e0;
    private static final double C2 = 5.76949722146069140550e0;
    private static final double C3 = 3.64784832476320460504e0;
    private static final double C4 = 1.27045825245236838258e0;
    private static final double C5 = 2.41780725177450611770e-1;
    private static final double C6 = 2.27238449892691845833e-2;
    private static final double C7 = 7.74545014278341407640e-4;
    private static final double D1 = 2.05319162663775882187e0;
    private static final double D2 = 1.67638483018380384940e0;
    private static final double D3 = 6.89767334985100004550e-1;
    private static final double D4 = 1.48103976427480074590e-1;
    private static final double D5 = 1.51986665636164571966e-2;
    private static final double D6 = 5.47593808499534494600e-4;
    private static final double D7 = 1.05075007164441684324e-9;
    // Far tail: r > 5, argument r - 5.
    private static final double E0 = 6.65790464350110377720e0;
    private static final double E1 = 5.46378491116411436990e0;
    private static final double E2 = 1.78482653991729133580e0;
    private static final double E3 = 2.96560571828504891230e-1;
    private static final double E4 = 2.65321895265761230930e-2;
    private static final double E5 = 1.24266094738807843860e-3;
    private static final double E6 = 2.71155556874348757815e-5;
    private static final double E7 = 2.01033439929228813265e-7;
    private static final double F1 = 5.99832206555887937690e-1;
    private static final double F2 = 1.36929880922735805310e-1;
    private static final double F3 = 1.48753612908506148525e-2;
    private static final double F4 = 7.86869131145613259100e-4;
    private static final double F5 = 1.84631831751005468180e-5;
    private static final double F6 = 1.42151175831644588870e-7;
    private static final double F7 = 2.04426310338993978564e-15;

    /** Values per batch of {@link #bulk}: the batch's intermediate arrays stay in the L1 cache. */
    private static final int BATCH = 512;
    /** Grid points per binade of the table: 2^8. */
    private static final int SUB = 8;
    /** Low bits of a double below the grid: a grid point keeps the exponent and the top SUB mantissa bits. */
    private static final int SHIFT = 52 - SUB;
    /** Half a grid step in the bits: adding it before the shift rounds to the nearest grid point. */
    private static final long ROUND = 1L << (SHIFT - 1);
    /** The table covers min(p, 1 - p) in [2^-32, 1/2]; smaller ones take AS 241. */
    private static final int LOW_EXPONENT = -32;
    /** Key (bits &gt;&gt;&gt; SHIFT) of the first grid point, 2^-32. */
    private static final long FIRST = Double.doubleToRawLongBits(Math.scalb(1.0, LOW_EXPONENT)) >>> SHIFT;
    /** Grid points: 2^SUB per binade from 2^-32 up to 1/2, and 1/2 itself. */
    private static final int SIZE = ((-1 - LOW_EXPONENT) << SUB) + 1;
    // before GRID: static fields initialise in order
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    /**
     * Per grid point g: Q(g) at even indices, 1 / φ(Q(g)) at the following odd index; from
     * index 2 SIZE on the same negated, for 1 - g.
     */
    private static final double[] GRID = grid();

    private NormalQuantile() {
    }

    /**
     * The standard normal quantile.
     *
     * @param p a probability in [0, 1] (not checked); NaN gives NaN
     * @return z with Φ(z) = p; -∞ at 0 and +∞ at 1
     */
    static double z(double p) {
        long a = Double.doubleToRawLongBits(p);
        long b = Double.doubleToRawLongBits(1 - p);
        long s = Math.min(a, b);
        long key = (s + ROUND) >>> SHIFT;
        int i = (int) (key - FIRST);
        if (i < 0 || i >= SIZE) {
            return as241(p);
        }
        int k = i + upper(a, b);
        double z = GRID[2 * k];
        double u = offset(s, key) * GRID[2 * k + 1];
        // the Taylor series, operation for operation as the three series loops of bulk
        double z2 = z * z;
        double w = u * (z * (z2 * 0.25 + 7.0 / 24) + u * (z2 * (z2 * 0.2 + 46.0 / 120) + 7.0 / 120));
        return z + u * (1 + u * (0.5 * z + u * (z * z * (1.0 / 3) + 1.0 / 6 + w)));
    }

    /**
     * s - g for the bits of s and the key of the grid point g nearest to s, which keeps the
     * exponent and the top SUB mantissa bits of s, rounded (a carry into the next binade gives
     * the next grid point). Exact: s and g are multiples of ulp(g) / 2 at most 2^-9 g apart.
     */
    private static double offset(long s, long key) {
        return Double.longBitsToDouble(s) - Double.longBitsToDouble(key << SHIFT);
    }

    /**
     * SIZE for p above 1/2, else 0: the upper half of the table, Q(p) = -Q(1 - p). With a and b
     * the bits of p and of 1 - p (non-negative for p in [0, 1], ordered like the values): the
     * sign bit of b - a is set exactly when 1 - p &lt; p. Their minimum is the bits of
     * s = min(p, 1 - p), exact (1 - p is exact for p ≥ 1/2); for p outside [0, 1] or -0.0 it is
     * negative, for NaN the bits of NaN, both outside the grid.
     */
    private static int upper(long a, long b) {
        return SIZE * (int) ((b - a) >>> 63);
    }

    /**
     * The grid: Q(g) by AS 241, refined by two Newton steps on Φ(z) - g with Commons Numbers'
     * erf and erfc (accurate to about 1 ulp; erf near the centre so that the residual keeps its
     * relative precision there), and 1 / φ(Q(g)).
     */
    private static double[] grid() {
        double[] t = new double[4 * SIZE];
        for (int i = 0; i < SIZE; i++) {
            double g = Double.longBitsToDouble((FIRST + i) << SHIFT);
            double z = as241(g);
            for (int step = 0; step < 2; step++) {
                double residual = g >= 0.25
                    ? 0.5 * Erf.value(z * SQRT_HALF) - (g - 0.5)
                    : 0.5 * Erfc.value(-z * SQRT_HALF) - g;
                z -= residual * SQRT_2PI * Math.exp(0.5 * z * z);
            }
            double r = SQRT_2PI * Math.exp(0.5 * z * z);
            t[2 * i] = z;
            t[2 * i + 1] = r;
            t[2 * (SIZE + i)] = -z;
            t[2 * (SIZE + i) + 1] = -r;
        }
        return t;
    }

    /** Wichura's AS 241 on its own: the far tails and the ends. */
    static double as241(double p) {
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            return centre(q);
        }
        return tail(p, q);
    }

    /** The centre approximation, q = p - 0.5 with |q| ≤ 0.425. */
    private static double centre(double q) {
        double r = 0.180625 - q * q;
        return q * (((((((A7 * r + A6) * r + A5) * r + A4) * r + A3) * r + A2) * r + A1) * r + A0)
            / (((((((B7 * r + B6) * r + B5) * r + B4) * r + B3) * r + B2) * r + B1) * r + 1);
    }

    /**
     * Bulk {@code dst[i] = mean + sd * z(src[i])}, bit for bit as the scalar form, with the range
     * check of {@link Checks#probability}. Source and destination may be the same range.
     *
     * @param src probabilities in [0, 1] (NaN passes through)
     * @param srcPos first source index
     * @param dst destination
     * @param dstPos first destination index
     * @param length number of values
     * @param mean location
     * @param sd scale
     * @throws IllegalArgumentException for a probability outside [0, 1] (the values before it
     *     are already written)
     */
    static void bulk(double[] src, int srcPos, double[] dst, int dstPos, int length, double mean, double sd) {
        int size = Math.min(BATCH, length);
        double[] z = new double[size];
        double[] u = new double[size];
        double[] w = new double[size];
        int[] rest = new int[size];
        double[] restP = new double[size];
        double[] grid = GRID;
        for (int start = 0; start < length; start += BATCH) {
            int len = Math.min(BATCH, length - start);
            int from = srcPos + start;
            // the table look-ups one by one; the rare values without a grid index are collected
            // (with p, as the destination may be the source) and read grid point 0 meanwhile
            int others = 0;
            for (int j = 0; j < len; j++) {
                double p = src[from + j];
                long a = Double.doubleToRawLongBits(p);
                long b = Double.doubleToRawLongBits(1 - p);
                long s = Math.min(a, b);
                long key = (s + ROUND) >>> SHIFT;
                int i = (int) (key - FIRST);
                if (i < 0 || i >= SIZE) {
                    rest[others] = j;
                    restP[others++] = p;
                    i = 0;
                }
                int k = i + upper(a, b);
                z[j] = grid[2 * k];
                u[j] = offset(s, key) * grid[2 * k + 1];
            }
            // the series in three element-wise loops, written out in full: the JIT compiles them
            // to SIMD instructions, which it does not for a loop body of more than about ten
            // operations, nor when the body calls a method of this size
            for (int j = 0; j < len; j++) {
                double zj = z[j];
                double uj = u[j];
                double z2 = zj * zj;
                w[j] = uj * (zj * (z2 * 0.25 + 7.0 / 24) + uj * (z2 * (z2 * 0.2 + 46.0 / 120) + 7.0 / 120));
            }
            for (int j = 0; j < len; j++) {
                double zj = z[j];
                w[j] = zj * zj * (1.0 / 3) + 1.0 / 6 + w[j];
            }
            for (int j = 0; j < len; j++) {
                double zj = z[j];
                double uj = u[j];
                w[j] = mean + sd * (zj + uj * (1 + uj * (0.5 * zj + uj * w[j])));
            }
            for (int k = 0; k < others; k++) {
                w[rest[k]] = mean + sd * as241(Checks.probability(restP[k]));
            }
            // through the local array: the last series loop writing dst itself (which may alias
            // the local arrays, as far as the JIT knows) is not vectorized, 2.7 ns per value slower
            System.arraycopy(w, 0, dst, dstPos + start, len);
        }
    }

    /** The intermediate tail approximation, 1.6 ≤ r ≤ 5, as a positive z. */
    private static double intermediate(double r) {
        double t = r - 1.6;
        return (((((((C7 * t + C6) * t + C5) * t + C4) * t + C3) * t + C2) * t + C1) * t + C0)
            / (((((((D7 * t + D6) * t + D5) * t + D4) * t + D3) * t + D2) * t + D1) * t + 1);
    }

    /** The tails |p - 0.5| &gt; 0.425, kept apart so that {@link #z} stays small enough to inline. */
    private static double tail(double p, double q) {
        if (!(p > 0 && p < 1)) {
            if (p == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            return p == 1 ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        double r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
        double z;
        if (r <= 5) {
            z = intermediate(r);
        } else {
            r -= 5;
            z = (((((((E7 * r + E6) * r + E5) * r + E4) * r + E3) * r + E2) * r + E1) * r + E0)
                / (((((((F7 * r + F6) * r + F5) * r + F4) * r + F3) * r + F2) * r + F1) * r + 1);
        }
        return q < 0 ? -z : z;
    }
}
