package io.redistributor.stream;

import io.redistributor.LearnedDistribution;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * An approximate, one-pass, mergeable fit: a seeded KLL quantile sketch of the data, from which
 * {@link #fit} builds a {@link LearnedDistribution} whose lattice values are the sketch's
 * quantiles at the lattice ranks.
 *
 * <p>Error bound. {@link #rankError()} is a bound ε computed from this sketch's own compaction
 * record (not an empirical fit): with probability at least 99% over the compaction coins, every
 * lattice value's ranks in the data (the positions it occupies among the sorted values) come
 * within ε·n of the lattice rank the exact fit uses, for all lattice values at once. It shrinks
 * about like 1/k: at most 2.64% for the default k = 200 on a single stream, see
 * {@link #rankErrorBound(int)}. The smallest and largest lattice values are the exact minimum and
 * maximum. While the sketch holds every value ({@link #isExact()}, fewer than k values seen and no
 * merge that compacted) the fit equals the exact in-memory fit.
 *
 * <p>Determinism. Every coin is a hash of the seed ({@link #withSeed}, default 0), the level, the
 * number of earlier compactions there and the values compacted. Guaranteed: the same seed and the
 * same sequence of values, added through any cut into chunks and calls of {@code update}, give a
 * bit-identical sketch, bytes and lattice on every JVM and thread; {@code a.merge(b)} and
 * {@code b.merge(a)} give identical bytes when a and b have the same seed; the same partials
 * merged in the same order give the same result. Not guaranteed: the same data cut into
 * different partitions and merged gives a different (equally bounded) sketch, so a parallel
 * caller that wants results independent of its thread count must fix the partition boundaries
 * and the merge order itself, not leave them to the scheduler. Partials may share a seed, since
 * the coins also hash the values; give them distinct seeds if partitions may hold identical data,
 * whose coins (and so errors) would otherwise coincide.
 *
 * <p>Edge cases: NaN and ±∞ are refused on update, naming the index (and the chunk for sources);
 * values are ordered as {@code Arrays.sort} orders them (−0.0 before 0.0); fitting an empty sketch
 * or fewer than 3 values is refused; bounds, ties, seed and bins act as in the in-memory fit;
 * subsampling is refused (a sketch already bounds memory). A SketchFit is mutable and not
 * thread-safe; give each thread its own and {@link #merge}.
 *
 * <p>Format ({@link #toBytes()}), big-endian: int magic 0x52445853 ("RDXS"); byte version 2;
 * int k; long seed; long n; double min; double max (NaN when empty); byte levels; then per level
 * from the bottom: long compactions, int count, count doubles in ascending order (level h holds
 * values of weight 2^h). Version 1 (a DataSketches KLL image) is no longer read. Java
 * serialization writes the same bytes through a validating proxy. Works on every Java version from
 * 17 on.
 */
public final class SketchFit implements Serializable {
    private static final long serialVersionUID = 2L;
    /** Default KLL parameter k. */
    public static final int DEFAULT_K = 200;
    static final int MAGIC = 0x52445853; // "RDXS"
    static final byte VERSION = 2;

    private final transient SeededKll sketch;

    private SketchFit(SeededKll sketch) {
        this.sketch = sketch;
    }

    /**
     * An empty sketch with k = 200 and seed 0.
     *
     * @return the sketch fit
     */
    public static SketchFit create() {
        return withK(DEFAULT_K);
    }

    /**
     * An empty sketch with the given KLL parameter and seed 0.
     *
     * @param k the KLL parameter, 8 … 65535; larger is more accurate and larger (about 3k values
     *     are kept)
     * @return the sketch fit
     * @throws IllegalArgumentException if k is out of range
     */
    public static SketchFit withK(int k) {
        if (k < SeededKll.MIN_WIDTH || k > SeededKll.MAX_K) {
            throw Formats.error("k", k, "must be in [" + SeededKll.MIN_WIDTH + ", " + SeededKll.MAX_K + "]");
        }
        return new SketchFit(new SeededKll(k, 0));
    }

    /**
     * An empty sketch (seed 0) with the smallest k whose {@link #rankErrorBound(int)} is at most
     * the given fraction.
     *
     * @param epsilon the normalized rank error, in (0, 1); e.g. 0.005 for half a percent
     * @return the sketch fit
     * @throws IllegalArgumentException if epsilon is outside (0, 1) or needs k above 65535
     */
    public static SketchFit withRankError(double epsilon) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw Formats.error("epsilon", epsilon, "must be in (0, 1)");
        }
        if (bound(SeededKll.MAX_K) > epsilon) {
            throw Formats.error("epsilon", epsilon, "needs k above " + SeededKll.MAX_K);
        }
        int lo = SeededKll.MIN_WIDTH;
        int hi = SeededKll.MAX_K;
        while (lo < hi) { // the bound decreases with k
            int mid = (lo + hi) >>> 1;
            if (bound(mid) <= epsilon) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return withK(lo);
    }

    /**
     * The bound {@link #rankError()} stays below for a sketch with parameter k filled by updates
     * alone, whatever the number of values: between 4.6 / k and 5.6 / k for k from 8 to 1000 (2.64% for
     * k = 200, 1.35% for k = 400, 0.56% for k = 1000).
     * It is {@link #rankError()}'s formula with S = (n/k)², the largest value S/n² takes in such a
     * sketch (at its first compaction, n = k; afterwards S/n² stays below it, about 0.1 to 0.7 of
     * it for long streams; checked by the tests for k from 8 to 200, and when this was written
     * for every n up to 4·10^6 with k up to 5000 and up to 3·10^7 with k up to 127). What is
     * proven for such a sketch is S ≤ (48/7)(n/k)²: a level is compacted only when full (at least
     * 7/8 of k (2/3)^depth values move), each unit of weight is compacted at most once per level,
     * and a top level h exists only after k values of weight 2^(h−1) filled the level below; so
     * {@link #rankError()} never exceeds 2.62 times this bound. Sketches merged from partials stayed below it too in every
     * partitioning tried (at most 0.8 of it), but that is observed, not proven; {@link
     * #rankError()} gives the proven bound of a particular sketch.
     *
     * @param k the KLL parameter, 8 … 65535
     * @return the bound, a fraction
     * @throws IllegalArgumentException if k is out of range
     */
    public static double rankErrorBound(int k) {
        if (k < SeededKll.MIN_WIDTH || k > SeededKll.MAX_K) {
            throw Formats.error("k", k, "must be in [" + SeededKll.MIN_WIDTH + ", " + SeededKll.MAX_K + "]");
        }
        return bound(k);
    }

    private static double bound(int k) {
        return SeededKll.rankError(1.0 / ((double) k * k), 1);
    }

    /**
     * The same empty sketch with another seed for its compaction coins.
     *
     * @param seed the seed
     * @return a new empty sketch fit with this k and the seed
     * @throws IllegalStateException if values were already added (the coins already flipped would
     *     not follow the new seed)
     */
    public SketchFit withSeed(long seed) {
        if (sketch.count() != 0) {
            throw new IllegalStateException("the seed must be set before the first value (count is "
                + sketch.count() + ")");
        }
        return new SketchFit(new SeededKll(sketch.k(), seed));
    }

    /**
     * The seed of the compaction coins.
     *
     * @return the seed
     */
    public long seed() {
        return sketch.seed();
    }

    /**
     * Adds values.
     *
     * @param x the values
     * @return this
     * @throws IllegalArgumentException if x is null or holds NaN or ±∞ (nothing is added then)
     */
    public SketchFit update(double[] x) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        return update(x, 0, x.length);
    }

    /**
     * Adds {@code x[offset, offset + length)}.
     *
     * @param x the array
     * @param offset first index
     * @param length number of values
     * @return this
     * @throws IllegalArgumentException if x is null or the range holds NaN or ±∞ (nothing is added
     *     then)
     * @throws IndexOutOfBoundsException if the range is outside x
     */
    public SketchFit update(double[] x, int offset, int length) {
        check(x, offset, length, -1);
        sketch.update(x, offset, length);
        return this;
    }

    /**
     * Adds one pass over a source.
     *
     * @param source the source
     * @return this
     * @throws IllegalArgumentException if source is null or holds NaN or ±∞ (chunks before the bad
     *     one stay added)
     */
    public SketchFit update(ChunkSource source) {
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        long[] chunk = {0};
        source.forEachChunk((x, off, len) -> {
            check(x, off, len, chunk[0]++);
            sketch.update(x, off, len);
        });
        return this;
    }

    private static void check(double[] x, int offset, int length, long chunk) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        if (offset < 0 || length < 0 || offset > x.length - length) {
            throw new IndexOutOfBoundsException(String.format(Locale.ROOT,
                "range [%d, %d) of an array of length %d", offset, (long) offset + length, x.length));
        }
        for (int i = offset, end = offset + length; i < end; i++) {
            if (!Double.isFinite(x[i])) {
                String where = chunk < 0 ? "x[" + (i - offset) + "]" : "chunk " + chunk + ", x[" + (i - offset) + "]";
                throw Formats.error(where, x[i], "must be finite (remove NaN and infinite values first)");
            }
        }
    }

    /**
     * Adds everything another sketch fit has seen (the other is unchanged).
     *
     * @param other the other sketch fit
     * @return this
     * @throws IllegalArgumentException if other is null or this one
     */
    public SketchFit merge(SketchFit other) {
        if (other == null || other == this) {
            throw new IllegalArgumentException("other must be another, non-null sketch fit");
        }
        sketch.merge(other.sketch);
        return this;
    }

    /**
     * The number of values seen.
     *
     * @return n
     */
    public long count() {
        return sketch.count();
    }

    /**
     * The KLL parameter: the one this sketch was created with, or the smallest k merged in.
     *
     * @return k
     */
    public int k() {
        return sketch.k();
    }

    /**
     * The rank error bound ε of the current sketch: with probability at least 99% over the
     * compaction coins, every lattice value of {@link #fit} occupies a rank within ε·n of its
     * target rank, all lattice values at once. Computed from the compactions this sketch went
     * through (Azuma–Hoeffding over the coins, see the package-private {@code SeededKll}); at most
     * {@link #rankErrorBound(int)} for a sketch filled by updates alone.
     *
     * @return ε in [0, 1], 0 while {@link #isExact()}
     */
    public double rankError() {
        return sketch.rankError();
    }

    /**
     * Whether the sketch still holds every value, so that {@link #fit} is exact.
     *
     * @return true before the first compaction (of this sketch or of any sketch merged in)
     */
    public boolean isExact() {
        return sketch.isExact();
    }

    /**
     * Fits with the default options.
     *
     * @return the distribution
     * @throws IllegalArgumentException as {@link #fit(LearnedDistribution.Fitter)}
     */
    public LearnedDistribution fit() {
        return fit(LearnedDistribution.fitter());
    }

    /**
     * Builds the distribution from the sketch's quantiles at the lattice ranks
     * {@link LearnedDistribution#latticeRanks}(n, bins), with the exact minimum and maximum at the
     * ends, through {@link LearnedDistribution.Fitter#fromOrderStatistics}. The quantile at rank r
     * is the smallest kept value whose cumulative weight exceeds r.
     *
     * @param options bins, bounds, ties and seed as for the in-memory fit; subsampling must be 1
     * @return the distribution
     * @throws IllegalArgumentException if options is null, subsampling is requested, fewer than 3
     *     values were seen, or the options refuse the lattice (bins, bounds, ties)
     */
    public LearnedDistribution fit(LearnedDistribution.Fitter options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        if (options.subsample() != 1) {
            throw Formats.error("subsample step", options.subsample(), "must be 1 for a sketch fit");
        }
        long n = sketch.count();
        if (n == 0) {
            throw new IllegalArgumentException("x is empty; at least 3 finite values are needed");
        }
        if (n < 3) {
            throw Formats.error("x length", n, "must be >= 3 (a lattice needs at least 3 points)");
        }
        int bins = options.bins() == 0 ? LearnedDistribution.defaultBins(n) : options.bins();
        double[] q = sketch.quantiles(LearnedDistribution.latticeRanks(n, bins));
        q[0] = sketch.min();
        q[bins - 1] = sketch.max();
        return options.fromOrderStatistics(q, n);
    }

    /**
     * This sketch fit in the documented byte format (version 2).
     *
     * @return a new array
     */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(5 + sketch.byteSize()).putInt(MAGIC).put(VERSION);
        sketch.write(b);
        return b.array();
    }

    /**
     * Reads a sketch fit written by {@link #toBytes()}, checking every invariant (sorted levels,
     * weights adding up to the count, values within the exact minimum and maximum, capacity).
     *
     * @param bytes the bytes
     * @return the sketch fit
     * @throws IllegalArgumentException if the bytes are not a valid sketch fit of version 2
     */
    public static SketchFit fromBytes(byte[] bytes) {
        ByteBuffer b = Formats.open(bytes, MAGIC, "sketch", VERSION);
        try {
            return new SketchFit(Formats.decode(b, "sketch", SeededKll::read));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("sketch bytes: level weights overflow the count", e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SketchFit[k=%d, seed=%d, n=%d, rankError=%.4g]", k(), seed(), count(),
            rankError());
    }

    /**
     * Serializes through {@link SerialProxy}: the documented bytes, read back by the validating
     * {@code fromBytes}.
     *
     * @return the proxy
     */
    private Object writeReplace() {
        return new SerialProxy(SerialProxy.SKETCH, toBytes(), null);
    }

    /**
     * Refuses direct deserialization, which would bypass validation.
     *
     * @param in the stream
     * @throws InvalidObjectException always
     */
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a SketchFit is read through its serialization proxy");
    }
}
