package io.redistributor.image;

import io.redistributor.LearnedDistribution;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Exact order statistics of large float and integer arrays, and learned distributions built from
 * them. For samples on an integer lattice the order statistics come straight from the cumulative
 * histogram; for float data a histogram of up to 2^16 buckets locates each requested rank's bucket and only
 * the values of those buckets are gathered (a bitmap of those buckets, 8 KiB, decides which values are) and
 * sorted. Both take O(n) time, use integer counts
 * (identical for any thread count) and return exactly the values a full sort would give, so
 * {@code LearnedDistribution.fitter().fromOrderStatistics(values, n)} equals the core's
 * {@code fit} on the same data. Float values may carry integer weights (a value standing for that
 * many samples, e.g. a colour for its pixels): the same buckets then sum weights, and the ranks
 * are found in the cumulative weights of the gathered values.
 */
final class OrderStatistics {

    private static final int MAX_BUCKETS = 1 << 16;
    private static final int NEGATIVE_ZERO = Float.floatToRawIntBits(-0.0f);
    /** Values per histogram partition; the partitions depend on n only, never on the thread count. */
    private static final int PART = 1 << 20;

    private OrderStatistics() {
    }

    /** Sum of the counts of a histogram. */
    static long total(long[] hist) {
        long n = 0;
        for (long c : hist) {
            n += c;
        }
        return n;
    }

    /** The values at the ranks (0-based, non-decreasing) of samples given as counts per level, scaled by {@code scale}. */
    static double[] fromHistogram(long[] hist, long[] ranks, double scale) {
        double[] out = new double[ranks.length];
        long cum = 0;
        int level = 0;
        for (int k = 0; k < ranks.length; k++) {
            while (cum + hist[level] <= ranks[k]) {
                cum += hist[level];
                level++;
            }
            out[k] = level * scale;
        }
        return out;
    }

    /**
     * The learned distribution (default bins, midpoint ties) of samples given as counts per
     * integer level, with level v standing for the value v × scale.
     *
     * @throws IllegalArgumentException if fewer than 3 samples or a single level
     */
    static LearnedDistribution fit(long[] hist, double scale) {
        long n = total(hist);
        return learned(n, ranks -> fromHistogram(hist, ranks, scale));
    }

    /**
     * The learned distribution (default bins, midpoint ties) of n samples whose order statistics
     * at the lattice ranks the function gives.
     *
     * @throws IllegalArgumentException if n is below 3
     */
    private static LearnedDistribution learned(long n, Function<long[], double[]> orderStatistics) {
        if (n < 3) {
            throw new IllegalArgumentException("at least 3 pixels are needed to learn a distribution (got " + n + ")");
        }
        long[] ranks = LearnedDistribution.latticeRanks(n, LearnedDistribution.defaultBins(n));
        return LearnedDistribution.fitter().fromOrderStatistics(orderStatistics.apply(ranks), n);
    }

    /** The learned distribution (default bins, midpoint ties) of float samples. */
    static LearnedDistribution fit(float[] x) {
        return fit(x, minMax(x));
    }

    /** As {@link #fit(float[])}, with {@code mm} the {@link #minMax} of x, already known to the caller. */
    static LearnedDistribution fit(float[] x, float[] mm) {
        return learned(x.length, ranks -> select(x, ranks, mm));
    }

    /** The values of x at the given 0-based ranks (non-decreasing), as a full ascending sort would place them. */
    static double[] select(float[] x, long[] ranks) {
        return select(x, ranks, minMax(x));
    }

    /** As {@link #select(float[], long[])}, with {@code mm} the {@link #minMax} of x. */
    static double[] select(float[] x, long[] ranks, float[] mm) {
        if (!(mm[1] > mm[0])) {
            return constant(x, null, ranks, mm[0]);
        }
        double[] out = new double[ranks.length];
        Buckets h = new Buckets(x, null, mm);
        int[] bucketOf = new int[ranks.length];
        float[][] gathered = new float[h.buckets][];
        int at = 0;
        long[] open = new long[(h.buckets + 63) >>> 6];
        for (int k = 0; k < ranks.length; k++) {
            at = h.holding(ranks[k], at);
            bucketOf[k] = at;
            if (gathered[at] == null) {
                gathered[at] = new float[h.slots(at)];
                open[at >>> 6] |= 1L << at;
            }
        }
        parts(h.parts).forEach(p -> {
            int[] cursor = h.partCounts[p];
            for (int i = p * PART, to = Math.min(x.length, (p + 1) * PART); i < to; i++) {
                int b = h.bucket(x[i]);
                if ((open[b >>> 6] & 1L << b) != 0) {
                    gathered[b][cursor[b]++] = x[i];
                }
            }
        });
        // a bucket asked for one rank is selected in it, one asked for several is sorted; the
        // order in which the partitions filled a bucket does not matter to either
        int[] asked = new int[h.buckets];
        for (int b : bucketOf) {
            asked[b]++;
        }
        long[] start = h.start;
        IntStream.range(0, ranks.length).parallel().forEach(k -> {
            int b = bucketOf[k];
            if (asked[b] == 1) {
                out[k] = selectInPlace(gathered[b], (int) (ranks[k] - start[b]));
            }
        });
        IntStream.range(0, h.buckets).filter(b -> asked[b] > 1).parallel().forEach(b -> Arrays.sort(gathered[b]));
        for (int k = 0; k < ranks.length; k++) {
            int b = bucketOf[k];
            if (asked[b] > 1) {
                out[k] = gathered[b][(int) (ranks[k] - start[b])];
            }
        }
        return out;
    }

    /** Sum of the weights. */
    static long total(int[] weights) {
        long n = 0;
        for (int w : weights) {
            n += w;
        }
        return n;
    }

    /**
     * The learned distribution (default bins, midpoint ties) of the samples in which x[i] occurs
     * weights[i] times: the same as {@link #fit(float[], float[])} on that expanded array.
     *
     * @param mm the {@link #minMax} of x
     * @throws IllegalArgumentException if the weights sum to fewer than 3
     */
    static LearnedDistribution fit(float[] x, int[] weights, float[] mm) {
        return learned(total(weights), ranks -> select(x, weights, ranks, mm));
    }

    /**
     * The values at the given 0-based ranks (non-decreasing) of the samples in which x[i] occurs
     * weights[i] &gt; 0 times, as a full ascending sort of those samples would place them (-0.0
     * before 0.0; x need not be distinct). As for unit weights, a weighted histogram locates each
     * rank's bucket; the entries of those buckets are gathered as (order key, weight) pairs, and
     * the rank found in their cumulative weights: by weighted quickselect in a bucket asked for
     * one rank, after a sort in one asked for several. Integer sums only, so the result
     * is the same for any thread count. NaN-free input assumed, and weights summing to at most
     * {@code Integer.MAX_VALUE} (pixel counts of one image do).
     *
     * @param mm the {@link #minMax} of x
     */
    static double[] select(float[] x, int[] weights, long[] ranks, float[] mm) {
        if (!(mm[1] > mm[0])) {
            return constant(x, weights, ranks, mm[0]);
        }
        double[] out = new double[ranks.length];
        Buckets h = new Buckets(x, weights, mm);
        long[][] gathered = new long[h.buckets][];
        int at = 0;
        long[] open = new long[(h.buckets + 63) >>> 6];
        int[] bucketOf = new int[ranks.length];
        int[] asked = new int[h.buckets];
        for (int k = 0; k < ranks.length; k++) {
            at = h.holding(ranks[k], at);
            bucketOf[k] = at;
            asked[at]++;
            if (gathered[at] == null) {
                gathered[at] = new long[h.slots(at)];
                open[at >>> 6] |= 1L << at;
            }
        }
        parts(h.parts).forEach(p -> {
            int[] cursor = h.partCounts[p];
            for (int i = p * PART, to = Math.min(x.length, (p + 1) * PART); i < to; i++) {
                int b = h.bucket(x[i]);
                if ((open[b >>> 6] & 1L << b) != 0) {
                    // the order key in the high half (signed, ordered as Float.compare), the weight below
                    gathered[b][cursor[b]++] = (long) key(x[i]) << 32 | weights[i];
                }
            }
        });
        // a bucket asked for one rank is selected in it, one asked for several is sorted and
        // walked once for its ranks; the order in which the partitions filled a bucket matters to neither
        long[] start = h.start;
        IntStream.range(0, ranks.length).parallel().forEach(k -> {
            int b = bucketOf[k];
            if (asked[b] == 1) {
                out[k] = unkey(selectWeightedInPlace(gathered[b], ranks[k] - start[b]));
            }
        });
        IntStream.range(0, h.buckets).filter(b -> asked[b] > 1).parallel().forEach(b -> Arrays.sort(gathered[b]));
        int k = 0;
        while (k < ranks.length) {
            int b = bucketOf[k];
            if (asked[b] == 1) {
                k++;
                continue;
            }
            long[] g = gathered[b];
            long cum = start[b];
            int e = 0;
            for (; k < ranks.length && bucketOf[k] == b; k++) {
                while (cum + (int) g[e] <= ranks[k]) {
                    cum += (int) g[e];
                    e++;
                }
                out[k] = unkey((int) (g[e] >>> 32));
            }
        }
        return out;
    }

    /**
     * The order key at 0-based weighted position {@code target} of entries (order key in the
     * high half, weight in the low half, as {@link #select(float[], int[], long[], float[])}
     * gathers them): the smallest key whose entries, with all smaller keys, weigh more than
     * target, i.e. the key a walk of the sorted entries reaches. Found by quickselect with a
     * three-way partition on the key, summing the weights of each part; entries is reordered.
     * Requires 0 &lt;= target &lt; the sum of the weights.
     */
    static int selectWeightedInPlace(long[] entries, long target) {
        long[] g = entries;
        int lo = 0;
        int hi = g.length;
        long t = target;
        while (true) {
            int pivot = median((int) (g[lo] >> 32), (int) (g[(lo + hi - 1) >>> 1] >> 32), (int) (g[hi - 1] >> 32));
            // [lo, lt) below the pivot, [lt, i) equal, [gt, hi) above
            int lt = lo;
            int i = lo;
            int gt = hi;
            long below = 0;
            long equal = 0;
            while (i < gt) {
                long e = g[i];
                int key = (int) (e >> 32);
                if (key < pivot) {
                    g[i++] = g[lt];
                    g[lt++] = e;
                    below += (int) e;
                } else if (key > pivot) {
                    g[i] = g[--gt];
                    g[gt] = e;
                } else {
                    i++;
                    equal += (int) e;
                }
            }
            if (t < below) {
                hi = lt;
            } else if (t < below + equal) {
                return pivot;
            } else {
                t -= below + equal;
                lo = gt;
            }
        }
    }

    /**
     * The values at the ranks of samples that all compare equal to v: v itself, except that equal
     * zeros may differ in sign, and a sort places each -0.0 (weighted) before 0.0.
     */
    private static double[] constant(float[] x, int[] weights, long[] ranks, float v) {
        long negative = 0;
        if (v == 0) {
            for (int i = 0; i < x.length; i++) {
                if (Float.floatToRawIntBits(x[i]) == NEGATIVE_ZERO) {
                    negative += weights == null ? 1 : weights[i];
                }
            }
        }
        double[] out = new double[ranks.length];
        for (int k = 0; k < ranks.length; k++) {
            out[k] = ranks[k] < negative ? -0.0 : v == 0 ? 0.0 : v;
        }
        return out;
    }

    /**
     * Histograms of values over equal-width buckets between their extremes, one per partition of
     * {@link #PART} values and kept: they later give each partition its own slots in the gathered
     * buckets, so that the partitions gather in parallel without sharing a cursor.
     */
    private static final class Buckets {

        final int buckets;
        final int parts;
        private final float min;
        private final double scale;
        /** {@link #scale} as a float, for ranges whose width is a finite float (see {@link #bucket}). */
        private final float floatScale;
        /** Entries of each bucket per partition; for opened buckets, the partition's first slot. */
        final int[][] partCounts;
        /** start[b]: the samples (weights summed) in buckets below b; start[buckets] is the total. */
        final long[] start;

        /** Over x with the given weights (null for one sample per value) and extremes mm, max &gt; min. */
        Buckets(float[] x, int[] weights, float[] mm) {
            int n = x.length;
            this.min = mm[0];
            this.buckets = Math.max(256, Math.min(MAX_BUCKETS, Integer.highestOneBit(n) / 4));
            this.scale = buckets / ((double) mm[1] - min);
            this.floatScale = mm[1] - min < Float.POSITIVE_INFINITY ? (float) scale : Float.NaN;
            this.parts = (n + PART - 1) / PART;
            this.partCounts = new int[parts][];
            // the weights sum to at most Integer.MAX_VALUE (see select), so int sums do not overflow
            int[][] partWeights = new int[parts][];
            parts(parts).forEach(p -> {
                int[] c = new int[buckets];
                int[] w = weights == null ? null : new int[buckets];
                for (int i = p * PART, to = Math.min(n, (p + 1) * PART); i < to; i++) {
                    int b = bucket(x[i]);
                    c[b]++;
                    if (w != null) {
                        w[b] += weights[i];
                    }
                }
                partCounts[p] = c;
                partWeights[p] = w;
            });
            this.start = new long[buckets + 1];
            for (int b = 0; b < buckets; b++) {
                long sum = 0;
                for (int p = 0; p < parts; p++) {
                    sum += weights == null ? partCounts[p][b] : partWeights[p][b];
                }
                start[b + 1] = start[b] + sum;
            }
        }

        /**
         * The bucket of v, non-decreasing in v: (v − min) × scale in float arithmetic when the
         * range's width is a finite float (every step is rounded monotonically, so the order of
         * the buckets is the order of the values, which is all the selection needs); in double
         * otherwise. Float arithmetic needs no conversion to double, which JDK 17 chains from
         * one iteration of the counting and gathering loops to the next.
         */
        int bucket(float v) {
            int b = floatScale == floatScale ? (int) ((v - min) * floatScale) : (int) ((v - (double) min) * scale);
            return b >= buckets ? buckets - 1 : b;
        }

        /** The bucket holding a rank, searched from bucket {@code from} on (ranks ascend, so it only moves right). */
        int holding(long rank, int from) {
            int b = from;
            while (start[b + 1] <= rank) {
                b++;
            }
            return b;
        }

        /** Turns the partitions' counts of bucket b into their first slots; returns the entries of b. */
        int slots(int b) {
            int slot = 0;
            for (int[] c : partCounts) {
                int count = c[b];
                c[b] = slot;
                slot += count;
            }
            return slot;
        }
    }

    /** An int that orders as {@code Float.compare} orders the floats (NaN-free). */
    private static int key(float v) {
        int bits = Float.floatToRawIntBits(v);
        return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }

    private static float unkey(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7FFFFFFF));
    }

    /**
     * The value at 0-based position k of a after an ascending {@code Arrays.sort} (the order of
     * {@code Float.compare}: -0.0 before 0.0), found by quickselect on keys that order as that
     * comparison does; a is reordered. NaN-free input assumed.
     */
    static float selectInPlace(float[] a, int k) {
        int n = a.length;
        int[] key = new int[n];
        for (int i = 0; i < n; i++) {
            key[i] = key(a[i]);
        }
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            // median of three as the pivot; Hoare partition into [lo, j] <= pivot <= [j + 1, hi]
            int mid = (lo + hi) >>> 1;
            int pivot = median(key[lo], key[mid], key[hi]);
            int i = lo - 1;
            int j = hi + 1;
            while (true) {
                do {
                    i++;
                } while (key[i] < pivot);
                do {
                    j--;
                } while (key[j] > pivot);
                if (i >= j) {
                    break;
                }
                int t = key[i];
                key[i] = key[j];
                key[j] = t;
            }
            if (k <= j) {
                hi = j;
            } else {
                lo = j + 1;
            }
        }
        return unkey(key[k]);
    }

    private static int median(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static IntStream parts(int parts) {
        IntStream ids = IntStream.range(0, parts);
        return parts > 1 ? ids.parallel() : ids;
    }

    /** Minimum and maximum; NaN-free input assumed. Exact, so the same for any thread count. */
    static float[] minMax(float[] x) {
        int n = x.length;
        int parts = (n + PART - 1) / PART;
        float[][] each = new float[Math.max(1, parts)][];
        parts(parts).forEach(p -> each[p] = minMax(x, p * PART, Math.min(n, (p + 1) * PART)));
        if (parts == 0) {
            return minMax(x, 0, 0);
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float[] m : each) {
            // strict comparisons in partition order keep the first of equal extremes (-0.0 or 0.0), as one pass would
            if (m[0] < min) {
                min = m[0];
            }
            if (m[1] > max) {
                max = m[1];
            }
        }
        return new float[] {min, max};
    }

    private static float[] minMax(float[] x, int from, int to) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            float v = x[i];
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        return new float[] {min, max};
    }
}
