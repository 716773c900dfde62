package io.redistributor.image;

import io.redistributor.LearnedDistribution;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact order statistics of large float and integer arrays, and learned distributions built from
 * them. For samples on an integer lattice the order statistics come straight from the cumulative
 * histogram; for float data a histogram of up to 2^16 buckets locates each requested rank's bucket and only
 * the values of those buckets are gathered and sorted. Both take O(n) time, use integer counts
 * (identical for any thread count) and return exactly the values a full sort would give, so
 * {@code LearnedDistribution.fitter().fromOrderStatistics(values, n)} equals the core's
 * {@code fit} on the same data.
 */
final class OrderStatistics {

    private static final int MAX_BUCKETS = 1 << 16;
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
        if (n < 3) {
            throw new IllegalArgumentException("at least 3 pixels are needed to learn a distribution (got " + n + ")");
        }
        int bins = LearnedDistribution.defaultBins(n);
        long[] ranks = LearnedDistribution.latticeRanks(n, bins);
        return LearnedDistribution.fitter().fromOrderStatistics(fromHistogram(hist, ranks, scale), n);
    }

    /** The learned distribution (default bins, midpoint ties) of float samples. */
    static LearnedDistribution fit(float[] x) {
        int n = x.length;
        if (n < 3) {
            throw new IllegalArgumentException("at least 3 pixels are needed to learn a distribution (got " + n + ")");
        }
        int bins = LearnedDistribution.defaultBins(n);
        return LearnedDistribution.fitter().fromOrderStatistics(select(x, LearnedDistribution.latticeRanks(n, bins)), n);
    }

    /** The values of x at the given 0-based ranks (non-decreasing), as a full ascending sort would place them. */
    static double[] select(float[] x, long[] ranks) {
        int n = x.length;
        float[] mm = minMax(x);
        float min = mm[0];
        float max = mm[1];
        double[] out = new double[ranks.length];
        if (!(max > min)) {
            Arrays.fill(out, min);
            return out;
        }
        int buckets = Math.max(256, Math.min(MAX_BUCKETS, Integer.highestOneBit(n) / 4));
        double scale = buckets / ((double) max - min);
        int parts = (n + PART - 1) / PART;
        IntStream partIds = IntStream.range(0, parts);
        int[] counts = (parts > 1 ? partIds.parallel() : partIds).mapToObj(p -> {
            int[] c = new int[buckets];
            for (int i = p * PART, to = Math.min(n, (p + 1) * PART); i < to; i++) {
                c[bucket(x[i], min, scale, buckets)]++;
            }
            return c;
        }).reduce(OrderStatistics::add).orElseThrow();
        long[] start = new long[buckets + 1];
        for (int b = 0; b < buckets; b++) {
            start[b + 1] = start[b] + counts[b];
        }
        int[] bucketOf = new int[ranks.length];
        float[][] gathered = new float[buckets][];
        int at = 0;
        for (int k = 0; k < ranks.length; k++) {
            // ranks ascend, so the bucket holding each (the last b with start[b] <= rank) only moves right
            while (start[at + 1] <= ranks[k]) {
                at++;
            }
            bucketOf[k] = at;
            if (gathered[at] == null) {
                gathered[at] = new float[counts[at]];
            }
        }
        int[] fill = new int[buckets];
        for (int i = 0; i < n; i++) {
            int b = bucket(x[i], min, scale, buckets);
            float[] g = gathered[b];
            if (g != null) {
                g[fill[b]++] = x[i];
            }
        }
        for (float[] g : gathered) {
            if (g != null) {
                Arrays.sort(g);
            }
        }
        for (int k = 0; k < ranks.length; k++) {
            int b = bucketOf[k];
            out[k] = gathered[b][(int) (ranks[k] - start[b])];
        }
        return out;
    }

    private static int bucket(float v, float min, double scale, int buckets) {
        int b = (int) ((v - (double) min) * scale);
        return b >= buckets ? buckets - 1 : b;
    }

    private static int[] add(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /** Minimum and maximum; NaN-free input assumed. */
    static float[] minMax(float[] x) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
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
