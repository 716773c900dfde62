package io.redistributor;

import java.util.Arrays;

/**
 * O(1) lookup of the lattice segment that holds a value, for the bulk cdf of a
 * {@link LearnedDistribution}.
 *
 * <p>Values are mapped to their order-preserving 64-bit keys (the bit pattern with the
 * magnitude bits flipped for negative numbers), which grow roughly like the logarithm of the
 * magnitude. Keys closer to zero than the key of the smallest non-zero lattice magnitude g are
 * all mapped to 0 and the others moved towards 0 by as much, so the key range does not include
 * the thousand-odd empty binades between −g and g that a lattice around zero (standardized data)
 * would otherwise span: with them, nearly every lattice point of 5000 normal quantiles shared a
 * bucket and the bulk cdf took 57 ns per value instead of about 20. The key range of the lattice is
 * then cut into T equal buckets (T between 8 and 16 × the
 * lattice size, refined until at most 1/64 of the distinct lattice values share a bucket, at most
 * 2¹⁸; with 2 to 4 per point the bulk cdf of lognormal data took 14 ns per value instead of 10 on
 * Java 25, as more values land in crowded buckets, and the same on Java 17), and
 * {@code start[t]} is the last lattice index below bucket t, its sign bit set when the bucket is
 * crowded. A lookup reads that one table entry and steps over the bucket's single lattice point
 * without a branch, or bisects in a crowded bucket (a cluster of close values). -0.0 is stored
 * and looked up as 0.0, so equal values have equal keys and the point before the step is always
 * below the value.
 *
 * <p>The interpolation repeats the scalar {@link LearnedDistribution#cdf(double)} operation for
 * operation (the segment slope is precomputed by the same division; the probability and the slope
 * of a segment sit side by side), so the results are bit-for-bit identical. An exact hit on a
 * lattice value returns the precomputed cdf at that value (the middle of its run where values
 * repeat, as the scalar rule gives). Values outside the open support, and NaN, are left to the
 * scalar method ({@link #inside}).
 */
final class LatticeIndex {
    private static final int MAX_BUCKETS = 1 << 18;

    /** The lattice values, -0.0 replaced by 0.0. */
    private final double[] v;
    /** Per segment j, side by side: v[j], the probability at v[j], the slope, v[j + 1]. */
    private final double[] segment;
    /** cdf at each lattice value (the middle of its run where values repeat). */
    private final double[] at;
    /** Last lattice index below each bucket, or that index with the sign bit set for a crowded bucket. */
    private final int[] start;
    /** Keys in [−f, f] map to 0 ({@link #indexKey}); f + 1 is the key of the smallest non-zero |v[i]|. */
    private final long f;
    private final long k0;
    private final int shift;
    private final double lo;
    private final double hi;

    LatticeIndex(double[] probabilities, double[] values, double[] atValues) {
        this.at = atValues;
        int m = values.length;
        int last = m - 1;
        this.v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = values[i] + 0.0;
        }
        this.lo = values[0];
        this.hi = values[last];
        this.segment = new double[4 * last];
        double[] p = probabilities;
        for (int j = 0; j < last; j++) {
            segment[4 * j] = v[j];
            segment[4 * j + 1] = p[j];
            segment[4 * j + 2] = (p[j + 1] - p[j]) / (values[j + 1] - values[j]);
            segment[4 * j + 3] = v[j + 1];
        }
        double g = Double.POSITIVE_INFINITY;
        for (double x : v) {
            if (x != 0) {
                g = Math.min(g, Math.abs(x));
            }
        }
        this.f = g == Double.POSITIVE_INFINITY ? 0 : key(g) - 1;
        this.k0 = indexKey(v[0]);
        long range = indexKey(v[last]) - k0;
        // Start at 8 to 16 buckets per lattice point and refine while more than 1/64 of the
        // lattice points (each carries the same probability) share a bucket with another one.
        int buckets = (int) Math.max(16, Math.min(MAX_BUCKETS, Long.highestOneBit(8L * m - 1) << 1));
        // distinct[i] = number of distinct values among v[0..i]; repeated values never separate
        int[] distinct = new int[m];
        for (int i = 1; i < m; i++) {
            distinct[i] = distinct[i - 1] + (v[i] != v[i - 1] ? 1 : 0);
        }
        int[] table = build(buckets, range);
        while (buckets < MAX_BUCKETS && crowded(table, distinct) * 64 > m) {
            buckets <<= 1;
            table = build(buckets, range);
        }
        for (int t = 0; t < buckets; t++) {
            if (table[t + 1] - table[t] > 1) {
                table[t] |= Integer.MIN_VALUE;
            }
        }
        this.start = table;
        this.shift = shift(buckets, range);
    }

    private static int shift(int buckets, long range) {
        int s = 0;
        while (Long.compareUnsigned(range >>> s, buckets) >= 0) {
            s++;
        }
        return s;
    }

    /** start[t] = (number of lattice points in the buckets below t) - 1, at least 0; t ≤ buckets. */
    private int[] build(int buckets, long range) {
        int s = shift(buckets, range);
        int[] table = new int[buckets + 1];
        int i = 0;
        for (int t = 0; t <= buckets; t++) {
            while (i < v.length && ((indexKey(v[i]) - k0) >>> s) < t) {
                i++;
            }
            table[t] = Math.max(0, i - 1);
        }
        return table;
    }

    /** Distinct lattice values in buckets holding more than one. */
    private static int crowded(int[] table, int[] distinct) {
        int c = 0;
        for (int t = 0; t + 1 < table.length; t++) {
            int k = distinct[table[t + 1]] - distinct[table[t]];
            if (k > 1) {
                c += k;
            }
        }
        return c;
    }

    /**
     * The order-preserving key of a double: keys compare as signed longs like the values compare
     * with {@link Double#compare}.
     *
     * @param x a value
     * @return its key
     */
    static long key(double x) {
        long b = Double.doubleToRawLongBits(x);
        return b ^ ((b >> 63) >>> 1);
    }

    /**
     * The key of a value for the buckets: its {@link #key}, with keys in [−f, f] mapped to 0 and
     * the others moved towards 0 by f. It is monotone, and distinct lattice values keep distinct
     * keys (only 0 lies strictly between the keys of −g and g).
     */
    private long indexKey(double x) {
        long k = key(x);
        return k - Math.max(-f, Math.min(f, k));
    }

    /**
     * Whether x is strictly inside the lattice, where {@link #interior} applies.
     *
     * @param x a value
     * @return false for NaN, ±∞ and values at or beyond the ends
     */
    boolean inside(double x) {
        return x > lo && x < hi;
    }

    /**
     * The segment of a value strictly inside the lattice: the last index j with v[j] &lt; x.
     *
     * @param x a value for which {@link #inside} holds
     * @return j
     */
    int segment(double x) {
        double y = x + 0.0;
        int t = (int) ((indexKey(y) - k0) >>> shift);
        int j = start[t];
        double[] vals = v;
        if (j < 0) {
            return bisect(y, j & Integer.MAX_VALUE, Math.min((start[t + 1] & Integer.MAX_VALUE) + 1, vals.length - 1));
        }
        // At most one lattice point in the bucket: step over it without a branch (the sign bit of
        // v - y is set exactly when v < y; distinct doubles never subtract to zero).
        return j + (int) (Double.doubleToRawLongBits(segment[4 * j + 3] - y) >>> 63);
    }

    /**
     * The cdf of x in segment j: at the lattice value x equals (an exact hit, common with integer
     * or rounded data, answers in O(1)), else interpolated.
     *
     * @param j the segment of x
     * @param x a value for which {@link #inside} holds
     * @return the cdf
     */
    double at(int j, double x) {
        // v[j] < x ≤ v[j + 1]
        double[] s = segment;
        if (s[4 * j + 3] == x) {
            return at[j + 1];
        }
        return s[4 * j + 1] + (x - s[4 * j]) * s[4 * j + 2];
    }

    /** The last index j in [a, b) with v[j] &lt; x, given v[a] &lt; x ≤ v[b]. */
    private int bisect(double x, int a, int b) {
        double[] vals = v;
        while (b - a > 1) {
            int mid = (a + b) >>> 1;
            if (vals[mid] < x) {
                a = mid;
            } else {
                b = mid;
            }
        }
        return a;
    }
}
