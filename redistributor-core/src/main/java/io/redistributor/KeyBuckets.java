package io.redistributor;

import java.util.Arrays;

/**
 * A map from order-preserving 64-bit keys (see {@link LatticeIndex#key(double)}) to histogram
 * buckets, in O(1) per key and monotone: a larger key never lands in an earlier bucket.
 *
 * <p>Bucket 0 takes every key below {@code lo}, the last bucket every key above {@code hi}; the
 * range [lo, hi] is cut into at most {@value #SEGMENTS} equal segments and each segment into a
 * power-of-two number of equal buckets. Built from a sorted sample of keys, a segment gets buckets
 * in proportion to its share of the sample (plus an even share for all), so that buckets hold
 * roughly equal numbers of values whatever the shape of the data; built without a sample, the
 * buckets are equally wide.
 */
final class KeyBuckets {
    static final int SEGMENTS = 1 << 12;

    private final long lo;
    private final long range;
    private final int segShift;
    private final long segMask;
    /** Per segment: (first bucket &lt;&lt; 6) | shift of the offset within the segment. */
    private final int[] seg;
    private final int last;

    private KeyBuckets(long lo, long hi, long[] sortedSample, int budget) {
        this.lo = lo;
        this.range = hi - lo;
        int s = 0;
        while (Long.compareUnsigned(range >>> s, SEGMENTS) >= 0) {
            s++;
        }
        this.segShift = s;
        this.segMask = (1L << s) - 1;
        int segments = (int) (range >>> s) + 1;
        int[] count = new int[segments];
        int sampled = 0;
        if (sortedSample != null) {
            for (long k : sortedSample) {
                long u = k - lo;
                if (Long.compareUnsigned(u, range) <= 0) {
                    count[(int) (u >>> s)]++;
                    sampled++;
                }
            }
        }
        // 7/8 of the budget in proportion to the sample, 1/8 evenly (all of it without a sample)
        double even = (sampled == 0 ? budget : budget / 8.0) / segments;
        double perSample = sampled == 0 ? 0 : budget * 7.0 / 8.0 / sampled;
        this.seg = new int[segments];
        int next = 1;
        for (int g = 0; g < segments; g++) {
            double want = even + perSample * count[g];
            int bits = 0;
            // nearest power of two, but no finer than one key per bucket
            while (bits < s && (double) (1L << (bits + 1)) <= want * 1.4142135623730951) {
                bits++;
            }
            seg[g] = (next << 6) | (s - bits);
            next += 1 << bits;
        }
        this.last = next;
    }

    /**
     * Buckets adapted to a sample of the data.
     *
     * @param sortedSample keys of sampled values, ascending, not empty
     * @param budget about how many buckets to use
     * @return the buckets, [lo, hi] spanning the sample
     */
    static KeyBuckets fromSample(long[] sortedSample, int budget) {
        return new KeyBuckets(sortedSample[0], sortedSample[sortedSample.length - 1], sortedSample, budget);
    }

    /**
     * Equally wide buckets over [lo, hi].
     *
     * @param lo smallest key of the range
     * @param hi largest key of the range, &gt; lo
     * @param budget about how many buckets to use
     * @return the buckets
     */
    static KeyBuckets uniform(long lo, long hi, int budget) {
        return new KeyBuckets(lo, hi, null, budget);
    }

    /**
     * Number of buckets, including the two outer ones.
     *
     * @return the bucket count
     */
    int size() {
        return last + 1;
    }

    /**
     * The bucket of a key.
     *
     * @param k a key
     * @return its bucket in [0, size())
     */
    int bucket(long k) {
        long u = k - lo;
        if (Long.compareUnsigned(u, range) > 0) {
            return k < lo ? 0 : last;
        }
        int s = seg[(int) (u >>> segShift)];
        return (s >>> 6) + (int) ((u & segMask) >>> (s & 63));
    }

    /**
     * Sorted keys of about {@code size} values taken at even strides from {@code x[off, off + n)}.
     *
     * @param x data
     * @param off first index
     * @param n number of values
     * @param size sample size wanted
     * @return the sorted sample keys
     */
    static long[] sample(double[] x, int off, int n, int size) {
        int m = Math.min(n, size);
        long[] keys = new long[m];
        for (int i = 0; i < m; i++) {
            keys[i] = LatticeIndex.key(x[off + (int) ((long) i * n / m)]);
        }
        Arrays.sort(keys);
        return keys;
    }
}
