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
        return fit(x, minMax(x));
    }

    /** As {@link #fit(float[])}, with {@code mm} the {@link #minMax} of x, already known to the caller. */
    static LearnedDistribution fit(float[] x, float[] mm) {
        int n = x.length;
        if (n < 3) {
            throw new IllegalArgumentException("at least 3 pixels are needed to learn a distribution (got " + n + ")");
        }
        int bins = LearnedDistribution.defaultBins(n);
        return LearnedDistribution.fitter().fromOrderStatistics(select(x, LearnedDistribution.latticeRanks(n, bins), mm), n);
    }

    /** The values of x at the given 0-based ranks (non-decreasing), as a full ascending sort would place them. */
    static double[] select(float[] x, long[] ranks) {
        return select(x, ranks, minMax(x));
    }

    /** As {@link #select(float[], long[])}, with {@code mm} the {@link #minMax} of x. */
    static double[] select(float[] x, long[] ranks, float[] mm) {
        int n = x.length;
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
        // one histogram per partition, kept: it later gives each partition its own slots in the
        // gathered buckets, so that the partitions gather in parallel without sharing a cursor
        int[][] partCounts = new int[parts][];
        parts(parts).forEach(p -> {
            int[] c = new int[buckets];
            for (int i = p * PART, to = Math.min(n, (p + 1) * PART); i < to; i++) {
                c[bucket(x[i], min, scale, buckets)]++;
            }
            partCounts[p] = c;
        });
        long[] start = new long[buckets + 1];
        for (int b = 0; b < buckets; b++) {
            long sum = 0;
            for (int[] c : partCounts) {
                sum += c[b];
            }
            start[b + 1] = start[b] + sum;
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
                gathered[at] = new float[(int) (start[at + 1] - start[at])];
                // turn the partitions' counts of this bucket into their first slots
                int slot = 0;
                for (int[] c : partCounts) {
                    int count = c[at];
                    c[at] = slot;
                    slot += count;
                }
            }
        }
        parts(parts).forEach(p -> {
            int[] cursor = partCounts[p];
            for (int i = p * PART, to = Math.min(n, (p + 1) * PART); i < to; i++) {
                int b = bucket(x[i], min, scale, buckets);
                float[] g = gathered[b];
                if (g != null) {
                    g[cursor[b]++] = x[i];
                }
            }
        });
        // a bucket asked for one rank is selected in it, one asked for several is sorted; the
        // order in which the partitions filled a bucket does not matter to either
        int[] asked = new int[buckets];
        for (int b : bucketOf) {
            asked[b]++;
        }
        IntStream.range(0, ranks.length).parallel().forEach(k -> {
            int b = bucketOf[k];
            if (asked[b] == 1) {
                out[k] = selectInPlace(gathered[b], (int) (ranks[k] - start[b]));
            }
        });
        IntStream.range(0, buckets).filter(b -> asked[b] > 1).parallel().forEach(b -> Arrays.sort(gathered[b]));
        for (int k = 0; k < ranks.length; k++) {
            int b = bucketOf[k];
            if (asked[b] > 1) {
                out[k] = gathered[b][(int) (ranks[k] - start[b])];
            }
        }
        return out;
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
            int bits = Float.floatToRawIntBits(a[i]);
            key[i] = bits ^ ((bits >> 31) & 0x7FFFFFFF);
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
        int bits = key[k];
        return Float.intBitsToFloat(bits ^ ((bits >> 31) & 0x7FFFFFFF));
    }

    private static int median(int a, int b, int c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static IntStream parts(int parts) {
        IntStream ids = IntStream.range(0, parts);
        return parts > 1 ? ids.parallel() : ids;
    }

    private static int bucket(float v, float min, double scale, int buckets) {
        int b = (int) ((v - (double) min) * scale);
        return b >= buckets ? buckets - 1 : b;
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
