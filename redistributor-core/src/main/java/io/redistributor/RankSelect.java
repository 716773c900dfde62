package io.redistributor;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Exact multi-rank selection for large arrays by counting, without sorting and without modifying
 * the data: the values that would stand at given ranks if the array were sorted with
 * {@link Arrays#sort(double[])} (so -0.0 ranks below 0.0).
 *
 * <ol>
 *   <li>A strided sample of 2¹⁶ values (at most n / 4) shapes {@link KeyBuckets} so that buckets of the
 *       order-preserving keys hold roughly equal counts, whatever the skew of the data.</li>
 *   <li>One parallel counting pass builds the histogram (one per chunk). Prefix sums put every
 *       target rank into its bucket.</li>
 *   <li>One parallel gathering pass copies the values of the needed buckets into a candidate
 *       buffer (each chunk writes its own precomputed slots) and, for needed buckets too large to
 *       gather, records the smallest and largest key.</li>
 *   <li>Each gathered bucket is sorted on its own; a large bucket whose smallest and largest keys
 *       agree holds one repeated value (ties cost nothing); any other large bucket is resolved by
 *       the same two passes restricted to its key range with equally wide buckets.</li>
 * </ol>
 *
 * <p>Counting is exact, so the result does not depend on the number of chunks or threads. Extra
 * memory: one histogram of up to about 2¹⁸ ints per chunk (4 chunks per thread), the candidate buffer (at most
 * {@link Tuning#maxCandidates}), and O(ranks). When the candidates would exceed that cap, or too
 * many restricted passes would be needed, or a selected value is NaN or ±∞ (with the ranks 0 and
 * n - 1 among the ranks, as for a lattice, this finds every non-finite input), {@link #select}
 * returns null and the caller falls back to {@link Selection}.
 */
final class RankSelect {
    /**
     * Sizes that steer the algorithm; tests shrink them to reach every branch with small arrays.
     *
     * @param sampleSize values sampled to shape the buckets
     * @param buckets about how many buckets per histogram
     * @param bigBucket a needed bucket with more values is not gathered but tracked by min/max
     * @param maxCandidates most values gathered in one pass
     * @param maxPasses most restricted passes before giving up
     */
    record Tuning(int sampleSize, int buckets, int bigBucket, int maxCandidates, int maxPasses) {
        /**
         * The sizes for n values and a number of ranks: about 256 values per bucket, and at least
         * 16 buckets per rank, up to 3·2¹⁶ buckets (a histogram that stays in a 1 MiB cache);
         * buckets above 8 times the mean size are tracked rather than gathered (they are usually
         * one repeated value); a candidate cap of min(n / 4, 2²²) values (32 MiB).
         *
         * @param n number of values
         * @param ranks number of ranks
         * @return the tuning
         */
        static Tuning forSize(int n, int ranks) {
            int buckets = (int) Math.max(1 << 10, Math.min(3 << 16, Math.max(n >>> 8, 16L * ranks)));
            int big = Math.max(64, 8 * (n / buckets + 1));
            return new Tuning(Math.min(1 << 16, n / 4), buckets, big, Math.min(n / 4, 1 << 22), 8);
        }
    }

    private RankSelect() {
    }

    /**
     * The order statistics at {@code ranks} of {@code x[off, off + n)}, on the common fork-join
     * pool.
     *
     * @param x data, not modified
     * @param off first index
     * @param n number of values
     * @param ranks non-decreasing ranks in [0, n)
     * @return the values at the ranks, or null when the caller must fall back
     */
    static double[] select(double[] x, int off, int n, long[] ranks) {
        // Parallel streams run on the common pool plus the calling thread; a few chunks per
        // thread even out the load when another process takes a core.
        int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
        int chunks = Math.max(1, Math.min(4 * threads, n >>> 16));
        return select(x, off, n, ranks, Tuning.forSize(n, ranks.length), chunks);
    }

    /**
     * As {@link #select(double[], int, int, long[])} with explicit tuning and chunk count.
     *
     * @param x data, not modified
     * @param off first index
     * @param n number of values
     * @param ranks non-decreasing ranks in [0, n)
     * @param tuning the sizes
     * @param chunks number of chunks counted in parallel
     * @return the values at the ranks, or null when the caller must fall back
     */
    static double[] select(double[] x, int off, int n, long[] ranks, Tuning tuning, int chunks) {
        KeyBuckets map = KeyBuckets.fromSample(KeyBuckets.sample(x, off, n, tuning.sampleSize()), tuning.buckets());
        double[] out = new double[ranks.length];
        Job job = new Job(x, off, n, ranks, out, tuning, chunks);
        if (!job.solve(0, ranks.length, map)) {
            return null;
        }
        // NaN and ±∞ have keys beyond every finite value, so they would show at the end ranks
        for (double v : out) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return out;
    }

    /** One selection: the data, the ranks and the remaining pass budget. */
    private static final class Job {
        private final double[] x;
        private final int off;
        private final int n;
        private final long[] ranks;
        private final double[] out;
        private final Tuning tuning;
        private final int chunks;
        private int passesLeft;

        Job(double[] x, int off, int n, long[] ranks, double[] out, Tuning tuning, int chunks) {
            this.x = x;
            this.off = off;
            this.n = n;
            this.ranks = ranks;
            this.out = out;
            this.tuning = tuning;
            this.chunks = chunks;
            this.passesLeft = tuning.maxPasses();
        }

        private int chunkStart(int c) {
            return off + (int) ((long) c * n / chunks);
        }

        /** Fills out[rlo, rhi) from the values whose keys the map spreads over its inner buckets. */
        boolean solve(int rlo, int rhi, KeyBuckets map) {
            int size = map.size();
            int[][] hist = new int[chunks][];
            IntStream.range(0, chunks).parallel().forEach(c -> {
                int[] h = new int[size];
                for (int i = chunkStart(c), end = chunkStart(c + 1); i < end; i++) {
                    long bits = Double.doubleToRawLongBits(x[i]);
                    h[map.bucket(bits ^ ((bits >> 63) >>> 1))]++;
                }
                hist[c] = h;
            });
            // needed buckets, in order: bucket id, first value rank, and the ranks inside
            int m = 0;
            int[] bucket = new int[rhi - rlo];
            long[] below = new long[rhi - rlo];
            int[] firstRank = new int[rhi - rlo + 1];
            long cum = 0;
            int b = -1;
            long count = 0;
            for (int r = rlo; r < rhi; r++) {
                while (cum + count <= ranks[r]) {
                    cum += count;
                    b++;
                    count = total(hist, b);
                }
                if (m == 0 || bucket[m - 1] != b) {
                    bucket[m] = b;
                    below[m] = cum;
                    firstRank[m] = r;
                    m++;
                }
            }
            firstRank[m] = rhi;
            return gather(map, m, bucket, below, firstRank, hist);
        }

        private static long total(int[][] hist, int b) {
            long t = 0;
            for (int[] h : hist) {
                t += h[b];
            }
            return t;
        }

        private boolean gather(KeyBuckets map, int m, int[] bucket, long[] below, int[] firstRank, int[][] hist) {
            // slot[b]: 0 not needed, j + 1 gathered, -(j + 1) tracked by min/max; the bit set
            // "needed" (small enough for the first-level cache) rejects most values quickly
            int[] slot = new int[map.size()];
            long[] needed = new long[(map.size() + 63) >>> 6];
            int[] candStart = new int[m + 1];
            int[][] cursor = new int[chunks][m];
            int cand = 0;
            for (int j = 0; j < m; j++) {
                long size = total(hist, bucket[j]);
                candStart[j] = cand;
                needed[bucket[j] >>> 6] |= 1L << bucket[j];
                if (size > tuning.bigBucket()) {
                    slot[bucket[j]] = -(j + 1);
                    continue;
                }
                slot[bucket[j]] = j + 1;
                for (int c = 0; c < chunks; c++) {
                    cursor[c][j] = cand;
                    cand += hist[c][bucket[j]];
                }
            }
            candStart[m] = cand;
            if (cand > tuning.maxCandidates()) {
                return false;
            }
            double[] buf = new double[cand];
            long[][] minKey = new long[chunks][m];
            long[][] maxKey = new long[chunks][m];
            IntStream.range(0, chunks).parallel().forEach(c -> {
                int[] cur = cursor[c];
                long[] lo = minKey[c];
                long[] hi = maxKey[c];
                Arrays.fill(lo, Long.MAX_VALUE);
                Arrays.fill(hi, Long.MIN_VALUE);
                for (int i = chunkStart(c), end = chunkStart(c + 1); i < end; i++) {
                    double v = x[i];
                    long bits = Double.doubleToRawLongBits(v);
                    long k = bits ^ ((bits >> 63) >>> 1);
                    int b = map.bucket(k);
                    if ((needed[b >>> 6] & (1L << b)) == 0) {
                        continue;
                    }
                    int s = slot[b];
                    if (s > 0) {
                        buf[cur[s - 1]++] = v;
                    } else {
                        lo[-s - 1] = Math.min(lo[-s - 1], k);
                        hi[-s - 1] = Math.max(hi[-s - 1], k);
                    }
                }
            });
            IntStream.range(0, m).parallel().forEach(j -> {
                if (slot[bucket[j]] > 0) {
                    Arrays.sort(buf, candStart[j], candStart[j + 1]);
                    for (int r = firstRank[j]; r < firstRank[j + 1]; r++) {
                        out[r] = buf[candStart[j] + (int) (ranks[r] - below[j])];
                    }
                }
            });
            for (int j = 0; j < m; j++) {
                if (slot[bucket[j]] < 0 && !resolveLarge(j, firstRank, minKey, maxKey)) {
                    return false;
                }
            }
            return true;
        }

        /** A needed bucket too large to gather: one repeated value, or a restricted pass. */
        private boolean resolveLarge(int j, int[] firstRank, long[][] minKey, long[][] maxKey) {
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (int c = 0; c < chunks; c++) {
                lo = Math.min(lo, minKey[c][j]);
                hi = Math.max(hi, maxKey[c][j]);
            }
            if (lo == hi) {
                double v = Double.longBitsToDouble(lo ^ ((lo >> 63) >>> 1));
                Arrays.fill(out, firstRank[j], firstRank[j + 1], v);
                return true;
            }
            if (passesLeft-- == 0) {
                return false;
            }
            return solve(firstRank[j], firstRank[j + 1], KeyBuckets.uniform(lo, hi, tuning.buckets()));
        }
    }
}
