package io.redistributor.stream;

import io.redistributor.LearnedDistribution;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import org.apache.datasketches.common.SketchesException;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * An approximate, one-pass, mergeable fit: an Apache DataSketches KLL sketch of the data, from
 * which {@link #fit} builds a {@link LearnedDistribution} whose lattice values are the sketch's
 * quantiles at the lattice ranks.
 *
 * <p>Error bound. With k the sketch parameter, {@link #rankError()} is the KLL "single-sided"
 * normalized rank error ε ({@code KllSketch.getNormalizedRankError(k, false)}, about 1.33% for
 * the default k = 200 and 0.28% for k = 1000): each lattice value's rank in the data is within
 * ε·n of the lattice rank of the exact fit, with about 99% confidence, and the error does not
 * grow with merging (the bound is for the smallest k among merged sketches). The smallest and
 * largest lattice values are the exact minimum and maximum. While the sketch holds every value
 * ({@link #isExact()}, at most about k values seen) the fit equals the exact in-memory fit.
 *
 * <p>Determinism. DataSketches compacts with coin flips from one unseeded process-wide generator,
 * so once the sketch is in estimation mode two runs on the same data may give slightly different
 * lattices (both within the bound). Use {@link ChunkedFitter} or {@link ExactPlan} when the result
 * must be reproducible.
 *
 * <p>Edge cases: NaN and ±∞ are refused on update (the sketch would silently drop NaN), naming the
 * index (and the chunk for sources); fitting an empty sketch or fewer than 3 values is refused;
 * bounds, ties, seed and bins act as in the in-memory fit; subsampling is refused (a sketch already
 * bounds memory). A SketchFit is mutable and not thread-safe; give each thread its own and
 * {@link #merge}.
 *
 * <p>Format ({@link #toBytes()}), big-endian: int magic 0x52445853 ("RDXS"); byte version 1;
 * then the DataSketches KLL compact serialization of the sketch (a documented, cross-language
 * format). Java serialization writes the same bytes through a validating proxy.
 *
 * <p>Java versions. Updating, merging and fitting work on every Java version from 17 on. The
 * bytes are written and read by datasketches-memory 3.0.2, which accepts only Java 8, 11, 17 and
 * 21 (it refuses Java 25 at class initialization; the DataSketches releases for Java 25 do not
 * run on Java 17). Where it refuses, {@link #toBytes()}, {@link #fromBytes} and Java
 * serialization throw {@link UnsupportedOperationException};
 * {@link #isSerializationSupported()} tells in advance.
 */
public final class SketchFit implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Default KLL parameter k. */
    public static final int DEFAULT_K = 200;
    static final int MAGIC = 0x52445853; // "RDXS"

    private final transient KllDoublesSketch sketch;

    private SketchFit(KllDoublesSketch sketch) {
        this.sketch = sketch;
    }

    /**
     * An empty sketch with k = 200 (rank error about 1.33%).
     *
     * @return the sketch fit
     */
    public static SketchFit create() {
        return withK(DEFAULT_K);
    }

    /**
     * An empty sketch with the given KLL parameter.
     *
     * @param k the KLL parameter, 8 … 65535; larger is more accurate and larger
     * @return the sketch fit
     * @throws IllegalArgumentException if k is out of range
     */
    public static SketchFit withK(int k) {
        if (k < 8 || k > KllSketch.MAX_K) {
            throw Formats.error("k", k, "must be in [8, " + KllSketch.MAX_K + "]");
        }
        return new SketchFit(KllDoublesSketch.newHeapInstance(k));
    }

    /**
     * An empty sketch whose single-sided rank error is at most the given fraction.
     *
     * @param epsilon the normalized rank error, in (0, 1); e.g. 0.005 for half a percent
     * @return the sketch fit with the smallest such k
     * @throws IllegalArgumentException if epsilon is outside (0, 1) or needs k above 65535
     */
    public static SketchFit withRankError(double epsilon) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw Formats.error("epsilon", epsilon, "must be in (0, 1)");
        }
        int k = Math.max(8, KllSketch.getKFromEpsilon(epsilon, false));
        while (k <= KllSketch.MAX_K && KllSketch.getNormalizedRankError(k, false) > epsilon) {
            k++;
        }
        if (k > KllSketch.MAX_K) {
            throw Formats.error("epsilon", epsilon, "needs k above " + KllSketch.MAX_K);
        }
        return withK(k);
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
        return sketch.getN();
    }

    /**
     * The KLL parameter this sketch was created with; {@link #rankError()} uses the smallest k
     * merged in, which may be smaller.
     *
     * @return k
     */
    public int k() {
        return sketch.getK();
    }

    /**
     * The single-sided normalized rank error ε of the current sketch (99% confidence): each
     * lattice value's rank is within ε·n of its target rank.
     *
     * @return ε, 0 while {@link #isExact()}
     */
    public double rankError() {
        return isExact() ? 0 : sketch.getNormalizedRankError(false);
    }

    /**
     * Whether the sketch still holds every value, so that {@link #fit} is exact.
     *
     * @return true before the first compaction
     */
    public boolean isExact() {
        return !sketch.isEstimationMode();
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
     * ends, through {@link LearnedDistribution.Fitter#fromOrderStatistics}.
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
        long n = sketch.getN();
        if (n == 0) {
            throw new IllegalArgumentException("x is empty; at least 3 finite values are needed");
        }
        if (n < 3) {
            throw Formats.error("x length", n, "must be >= 3 (a lattice needs at least 3 points)");
        }
        int bins = options.bins() == 0 ? LearnedDistribution.defaultBins(n) : options.bins();
        long[] ranks = LearnedDistribution.latticeRanks(n, bins);
        double[] normalized = new double[bins];
        for (int i = 0; i < bins; i++) {
            // the middle of rank r's share: the inclusive search then lands on natural rank r + 1
            normalized[i] = (ranks[i] + 0.5) / n;
        }
        double[] q = sketch.getQuantiles(normalized, QuantileSearchCriteria.INCLUSIVE);
        q[0] = sketch.getMinItem();
        q[bins - 1] = sketch.getMaxItem();
        return options.fromOrderStatistics(q, n);
    }

    /**
     * Whether this Java runtime can write and read sketch bytes (see the class comment).
     *
     * @return true on Java 17 and 21, false on Java 25
     */
    public static boolean isSerializationSupported() {
        return Serialization.SUPPORTED;
    }

    /** Probes datasketches-memory once. */
    private static final class Serialization {
        static final boolean SUPPORTED = probe();

        private static boolean probe() {
            try {
                return Memory.wrap(new byte[8]).getLong(0) == 0;
            } catch (LinkageError | IllegalArgumentException e) {
                return false;
            }
        }

        static void require() {
            if (!SUPPORTED) {
                throw new UnsupportedOperationException("sketch bytes need datasketches-memory 3.0.2, which runs on "
                    + "Java 8, 11, 17 and 21 only, not on Java " + Runtime.version().feature());
            }
        }
    }

    /**
     * This sketch fit in the documented byte format.
     *
     * @return a new array
     * @throws UnsupportedOperationException on Java versions where datasketches-memory refuses to
     *     run ({@link #isSerializationSupported()})
     */
    public byte[] toBytes() {
        Serialization.require();
        byte[] kll = sketch.toByteArray();
        return ByteBuffer.allocate(5 + kll.length).putInt(MAGIC).put(Formats.VERSION).put(kll).array();
    }

    /**
     * Reads a sketch fit written by {@link #toBytes()}.
     *
     * @param bytes the bytes
     * @return the sketch fit
     * @throws IllegalArgumentException if the bytes are not a valid sketch fit
     * @throws UnsupportedOperationException on Java versions where datasketches-memory refuses to
     *     run ({@link #isSerializationSupported()})
     */
    public static SketchFit fromBytes(byte[] bytes) {
        Formats.open(bytes, MAGIC, "sketch");
        Serialization.require();
        byte[] kll = Arrays.copyOfRange(bytes, 5, bytes.length);
        try {
            KllDoublesSketch s = KllDoublesSketch.heapify(Memory.wrap(kll));
            if (!s.isEmpty() && !(Double.isFinite(s.getMinItem()) && Double.isFinite(s.getMaxItem()))) {
                throw new IllegalArgumentException("sketch bytes hold non-finite values");
            }
            return new SketchFit(s);
        } catch (SketchesException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("sketch bytes are not a valid KLL doubles sketch: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SketchFit[k=%d, n=%d, rankError=%.4g]", k(), count(), rankError());
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
