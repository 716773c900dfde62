package io.redistributor.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A KLL quantile sketch of doubles (Karnin, Lang and Liberty, "Optimal quantile approximation in
 * streams", 2016) whose compaction coins come from a seed, so that its state is a pure function of
 * the seed and the sequence of updates and merges.
 *
 * <p>Why our own: Apache DataSketches' KLL draws its coins from one unseeded, process-wide
 * {@code java.util.Random} with no public hook to seed it, and its byte format needs
 * datasketches-memory, which refuses to start on Java 25. This class keeps the KLL scheme (level
 * h holds items of weight 2^h; level capacities shrink by 2/3 per level below the top, at least
 * {@link #MIN_WIDTH}; when the sketch is full, the lowest full level is sorted and every other
 * item, odd or even positions by a coin, moves up with twice the weight) and adds:
 *
 * <ul>
 *   <li>coins that are a hash of (seed, level, number of earlier compactions at that level, the
 *       compacted values), so they need no generator state and are the same for the same history;
 *   <li>a record of the compactions per level, from which {@link #rankError()} computes a
 *       rigorous bound on the rank error of this very sketch (not an empirical fit).</li>
 * </ul>
 *
 * <p>Order: values are ordered as {@link Double#compare} orders them (−0.0 before 0.0), as
 * {@code Arrays.sort} does for the exact fits. Only finite values may be added (the caller
 * checks).
 */
final class SeededKll {
    /** Smallest capacity of a level. */
    static final int MIN_WIDTH = 8;
    /** Largest k (the byte format allows more; this bounds memory). */
    static final int MAX_K = 65_535;
    /** Failure probability of {@link #rankError()}. */
    static final double DELTA = 0.01;
    private static final int MAX_LEVELS = 62;

    private final long seed;
    private int k;
    private long n;
    private double min = Double.NaN;
    private double max = Double.NaN;
    private int numLevels = 1;
    private double[][] items = {new double[MIN_WIDTH]};
    private int[] sizes = new int[1];
    private long[] compactions = new long[1];
    private int retained;
    private int capacity;

    SeededKll(int k, long seed) {
        this.k = k;
        this.seed = seed;
        this.capacity = totalCapacity(k, 1);
    }

    /** Capacity of a level at the given depth below the top: max(8, ⌈k (2/3)^depth⌉), exactly. */
    static int levelCapacity(int k, int depth) {
        if (depth > 30) {
            return MIN_WIDTH; // k (2/3)^31 < 65536 / 281 < 8 for every allowed k
        }
        long pow3 = 1;
        for (int i = 0; i < depth; i++) {
            pow3 *= 3;
        }
        long c = (((long) k << depth) + pow3 - 1) / pow3;
        return (int) Math.max(MIN_WIDTH, c);
    }

    private static int totalCapacity(int k, int levels) {
        int total = 0;
        for (int d = 0; d < levels; d++) {
            total += levelCapacity(k, d);
        }
        return total;
    }

    long seed() {
        return seed;
    }

    int k() {
        return k;
    }

    long count() {
        return n;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    int retained() {
        return retained;
    }

    /** Whether no compaction has happened: the sketch holds every value. */
    boolean isExact() {
        for (long c : compactions) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    /** Adds finite values {@code x[offset, offset + length)}; the same as adding them one by one. */
    void update(double[] x, int offset, int length) {
        int off = offset;
        int left = length;
        while (left > 0) {
            int take = Math.min(left, capacity - retained);
            ensure(0, sizes[0] + take);
            System.arraycopy(x, off, items[0], sizes[0], take);
            for (int i = off, end = off + take; i < end; i++) {
                double v = x[i];
                if (Double.isNaN(min) || Double.compare(v, min) < 0) { // NaN while empty
                    min = v;
                }
                if (Double.isNaN(max) || Double.compare(v, max) > 0) {
                    max = v;
                }
            }
            sizes[0] += take;
            retained += take;
            n += take;
            off += take;
            left -= take;
            if (retained >= capacity) {
                compress();
            }
        }
    }

    /** Adds everything another sketch holds; the other is unchanged. */
    void merge(SeededKll other) {
        k = Math.min(k, other.k); // also from an empty sketch, so that merging is symmetric
        while (numLevels < other.numLevels) {
            addLevel();
        }
        for (int h = 0; h < other.numLevels; h++) {
            int s = other.sizes[h];
            ensure(h, sizes[h] + s);
            if (h == 0) {
                System.arraycopy(other.items[0], 0, items[0], sizes[0], s);
            } else {
                mergeBackward(items[h], sizes[h], other.items[h], 0, 1, s);
            }
            sizes[h] += s;
            retained += s;
            compactions[h] += other.compactions[h];
        }
        if (other.n > 0) {
            min = n == 0 || Double.compare(other.min, min) < 0 ? other.min : min;
            max = n == 0 || Double.compare(other.max, max) > 0 ? other.max : max;
            n += other.n;
        }
        capacity = totalCapacity(k, numLevels);
        while (retained >= capacity) {
            compress();
        }
    }

    private void ensure(int level, int size) {
        if (items[level].length < size) {
            items[level] = Arrays.copyOf(items[level], Math.max(size, 2 * items[level].length));
        }
    }

    private void addLevel() {
        if (numLevels == MAX_LEVELS) {
            throw new IllegalStateException("a sketch of more than 2^" + MAX_LEVELS + " values");
        }
        items = Arrays.copyOf(items, numLevels + 1);
        items[numLevels] = new double[MIN_WIDTH];
        sizes = Arrays.copyOf(sizes, numLevels + 1);
        compactions = Arrays.copyOf(compactions, numLevels + 1);
        numLevels++;
        capacity = totalCapacity(k, numLevels);
    }

    /** Compacts the lowest level at or above its capacity, adding a level above the top if needed. */
    private void compress() {
        int h = 0;
        while (sizes[h] < levelCapacity(k, numLevels - 1 - h)) {
            h++; // some level is full since retained >= capacity
        }
        if (h == numLevels - 1) {
            addLevel();
        }
        double[] a = items[h];
        int c = sizes[h];
        if (h == 0) {
            Arrays.sort(a, 0, c); // higher levels are kept sorted
        }
        int start = c & 1; // an odd count leaves the smallest value where it is
        int half = (c - start) / 2;
        int coin = coin(seed, h, compactions[h], a, start, c - start);
        ensure(h + 1, sizes[h + 1] + half);
        mergeBackward(items[h + 1], sizes[h + 1], a, start + coin, 2, half);
        sizes[h + 1] += half;
        sizes[h] = start;
        retained -= half;
        compactions[h]++;
    }

    /**
     * Merges sorted {@code src[from], src[from + step], …} (count values) into the sorted first
     * {@code size} values of dst, from the back, so no scratch space is needed.
     */
    private static void mergeBackward(double[] dst, int size, double[] src, int from, int step, int count) {
        int i = size - 1;
        int j = count - 1;
        for (int w = size + count - 1; j >= 0; w--) {
            double s = src[from + j * step];
            if (i >= 0 && Double.compare(dst[i], s) > 0) {
                dst[w] = dst[i--];
            } else {
                dst[w] = s;
                j--;
            }
        }
    }

    /**
     * The coin of a compaction: 0 keeps the even positions, 1 the odd ones. A SplitMix64-style hash
     * of the seed, the level, how many compactions that level has had and the values compacted;
     * the values make partial sketches of different data flip different coins even with one seed.
     */
    static int coin(long seed, int level, long count, double[] a, int from, int length) {
        long h = mix(seed ^ mix(level * 0x9E3779B97F4A7C15L + count));
        for (int i = from, end = from + length; i < end; i++) {
            h = (h ^ Double.doubleToRawLongBits(a[i])) * 0xBF58476D1CE4E5B9L;
        }
        return (int) (mix(h) >>> 63);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Upper bound on the normalized rank error, holding with probability at least 1 − {@link
     * #DELTA} over the coins, for every value at once: |estimated rank − true rank| ≤ ε·n for all
     * v, where the rank of v counts the values ≤ v (or &lt; v).
     *
     * <p>Derivation. A compaction at level h changes the estimated rank of a fixed v by 0 (an even
     * number of the compacted values are ≤ v) or by ±2^h with a fair coin, independently of the
     * past; the schedule of compactions (levels and sizes) does not depend on the coins. So the
     * error at v is a martingale with steps bounded by 2^h, and Azuma–Hoeffding gives
     * P(|error| ≥ t) ≤ 2 exp(−t² / (2S)) with S = Σ over compactions of 4^h. Applying it to the 2m
     * points v_j and v_j⁻ where v_j holds rank ⌈j n / m⌉, j = 1 … m (a union bound), and using
     * that both ranks are monotone in v, every v has |error| ≤ t + n/m when t = sqrt(2 S ln(4m/δ)).
     * The bound is the smallest such (t + n/m)/n over m = 2^0 … 2^62, and 0 while the sketch is
     * exact. As for any seeded generator, the hashed coins are treated as fair and independent.
     */
    double rankError() {
        return rankError(squaredWeights(), n);
    }

    /** S: the sum over all compactions so far of the squared weight 4^h of the level compacted. */
    double squaredWeights() {
        double s = 0;
        for (int h = 0; h < numLevels; h++) {
            s += compactions[h] * StrictMath.scalb(1.0, 2 * h);
        }
        return s;
    }

    /** The bound of {@link #rankError()} for a given S and count n. */
    static double rankError(double s, long n) {
        if (s == 0) {
            return 0;
        }
        // t / n computed as sqrt(2 (S / n²) ln(4m/δ)): S / n² is the one rounded quantity, so a
        // sketch with S = (n / k)² (the first compaction comes at n = k) gets exactly the
        // rankErrorBound(k) = rankError(1 / k², 1) it is promised, not one rounding above it.
        double r = s / ((double) n * n);
        double best = 1;
        for (int j = 0; j <= 62; j++) {
            double m = StrictMath.scalb(1.0, j);
            double tOverN = StrictMath.sqrt(2 * r * StrictMath.log(4 * m / DELTA));
            best = Math.min(best, tOverN + 1 / m);
        }
        return best;
    }

    /**
     * The values at the given 0-based ranks of the sketch's weighted order: for rank r, the
     * smallest retained value whose cumulative weight exceeds r. While exact, these are the order
     * statistics of the data.
     *
     * @param ranks non-decreasing ranks in [0, n)
     */
    double[] quantiles(long[] ranks) {
        double[] values = new double[0];
        long[] weights = new long[0];
        for (int h = numLevels - 1; h >= 0; h--) {
            double[] level = Arrays.copyOf(items[h], sizes[h]);
            if (h == 0) {
                Arrays.sort(level);
            }
            double[] v = new double[values.length + level.length];
            long[] w = new long[v.length];
            int i = 0;
            int j = 0;
            for (int o = 0; o < v.length; o++) {
                if (j >= level.length || (i < values.length && Double.compare(values[i], level[j]) <= 0)) {
                    v[o] = values[i];
                    w[o] = weights[i++];
                } else {
                    v[o] = level[j++];
                    w[o] = 1L << h;
                }
            }
            values = v;
            weights = w;
        }
        double[] q = new double[ranks.length];
        long cumulative = 0;
        int at = -1;
        for (int r = 0; r < ranks.length; r++) {
            while (cumulative <= ranks[r]) {
                cumulative += weights[++at];
            }
            q[r] = values[at];
        }
        return q;
    }

    /** Bytes written by {@link #write}. */
    int byteSize() {
        return 4 + 8 + 8 + 16 + 1 + numLevels * 12 + 8 * retained;
    }

    /**
     * Writes: int k, long seed, long n, double min, double max, byte levels, then per level from
     * the bottom: long compactions, int count, count doubles in ascending order.
     */
    void write(ByteBuffer b) {
        b.putInt(k).putLong(seed).putLong(n).putDouble(min).putDouble(max).put((byte) numLevels);
        for (int h = 0; h < numLevels; h++) {
            double[] level = Arrays.copyOf(items[h], sizes[h]);
            if (h == 0) {
                Arrays.sort(level); // level 0 is kept in arrival order; its order carries no state
            }
            b.putLong(compactions[h]).putInt(level.length);
            for (double v : level) {
                b.putDouble(v);
            }
        }
    }

    /** Reads what {@link #write} wrote, checking every invariant; IllegalArgumentException if broken. */
    static SeededKll read(ByteBuffer b) {
        int k = b.getInt();
        if (k < MIN_WIDTH || k > MAX_K) {
            throw Formats.error("sketch k", k, "must be in [" + MIN_WIDTH + ", " + MAX_K + "]");
        }
        SeededKll s = new SeededKll(k, b.getLong());
        long n = b.getLong();
        double min = b.getDouble();
        double max = b.getDouble();
        int levels = b.get();
        if (n < 0 || levels < 1 || levels > MAX_LEVELS) {
            throw Formats.error("sketch count and levels", n + ", " + levels, "must be >= 0 and in [1, " + MAX_LEVELS + "]");
        }
        while (s.numLevels < levels) {
            s.addLevel();
        }
        long weight = 0;
        for (int h = 0; h < levels; h++) {
            long comps = b.getLong();
            int size = Formats.count(b, "sketch level " + h + " size", b.remaining() / 8);
            if (comps < 0 || (h > 0 && size > 0 && s.compactions[h - 1] == 0)) {
                throw Formats.error("sketch level " + h, comps + " compactions, " + size + " values",
                    "must come from compactions of the level below");
            }
            s.compactions[h] = comps;
            s.items[h] = new double[Math.max(size, MIN_WIDTH)];
            for (int i = 0; i < size; i++) {
                double v = b.getDouble();
                if (!(Double.compare(v, min) >= 0 && Double.compare(v, max) <= 0) || (i > 0
                    && Double.compare(s.items[h][i - 1], v) > 0)) {
                    throw Formats.error("sketch level " + h + " value " + i, v, "must be sorted and in [min, max]");
                }
                s.items[h][i] = v;
            }
            s.sizes[h] = size;
            s.retained += size;
            weight = Math.addExact(weight, Math.multiplyExact((long) size, 1L << h));
        }
        boolean empty = n == 0;
        if (weight != n || s.retained >= s.capacity || (!empty && !(Double.isFinite(min) && Double.isFinite(max)))
            || (empty && !(Double.isNaN(min) && Double.isNaN(max)))) {
            throw Formats.error("sketch", "n " + n + ", weight " + weight + ", " + s.retained + " values, min "
                + min + ", max " + max, "must be consistent (weights adding up to n, under capacity, finite ends)");
        }
        s.n = n;
        s.min = min;
        s.max = max;
        return s;
    }
}
