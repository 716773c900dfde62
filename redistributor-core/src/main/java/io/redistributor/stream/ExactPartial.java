package io.redistributor.stream;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one part of the data contributes to one round of an {@link ExactPlan}: in counting rounds a
 * count per histogram cell and, per block (bracket) of the plan, the smallest and largest value
 * key with the number of values that have each; in the collecting round the values inside the
 * brackets. Partials of the same plan merge in any order and grouping with the same result, so
 * they suit parallel and distributed fits.
 *
 * <p>Counting keeps only an int count per cell (a cell holds 2<sup>31</sup> − 1 values at most
 * between spills; a partial moves its counts into longs before any cell could pass that, so merged
 * totals beyond 2<sup>31</sup> stay exact), and the key bounds per block in a table of four longs
 * per block, which stays in cache. Per-cell bounds (in version 1) made each counted value update
 * 24 bytes at a random place of a table of several megabytes instead of 4.
 *
 * <p>A partial is a mutable accumulator and not thread-safe: give each thread or task its own and
 * {@link #merge} them. It never keeps a reference to the arrays it reads. After an {@code accept}
 * that failed (a NaN or infinite value) the partial is unusable.
 *
 * <p>Format ({@link #toBytes()}), version 2, big-endian: int magic 0x52445851 ("RDXQ"); byte
 * version 2; byte kind (0 count, 1 collect); long plan id; long raw count; long kept count; long
 * next index; long chunks; then for a counting round int k and k × (int cell, long count) for the
 * non-empty cells in increasing order (cell = block index × 2<sup>split bits</sup> + sub-cell),
 * int b and b × (long smallest key, long values with it, long largest key, long values with it)
 * for the blocks that hold values, in block order (keys are the signed, order-preserving keys of
 * the doubles: raw bits, with the 63 low bits flipped for negative values); or for a collecting
 * round int k and k doubles. Reading checks every field: cells in increasing order and range with
 * counts ≥ 1 and their sum at most the kept count; b equal to the number of blocks that hold
 * values; each bound inside its block, the smallest key in the block's first non-empty cell and
 * the largest in its last; each bound's count at least 1 and at most its cell's count, the two
 * together at most the block's count, or both equal to it when the bounds are equal. Version 1
 * (per-cell bounds) is refused with its version named. Java serialization writes the plan's bytes
 * and these bytes through a validating proxy.
 */
public final class ExactPartial implements Serializable {
    private static final long serialVersionUID = 1L;

    private final transient ExactPlan plan;
    transient long rawCount;
    transient long keptCount;
    transient long nextIndex;
    transient long chunks;
    /** Count per cell since the last spill into {@link #wide}; null in a collecting round. */
    final transient int[] cells;
    /** Values counted into {@link #cells} since the last spill: no cell count exceeds it. */
    transient long unspilled;
    /** Counts spilled out of {@link #cells} before any could pass 2^31 - 1; null until then. */
    transient long[] wide;
    /**
     * Per block, side by side: smallest signed key, how many values have it, largest signed key,
     * how many values have it (MAX_VALUE, 0, MIN_VALUE, 0 while empty).
     */
    final transient long[] bounds;
    transient double[] values;
    transient int size;

    ExactPartial(ExactPlan plan, long firstIndex) {
        this.plan = plan;
        this.nextIndex = firstIndex;
        if (plan.kind == ExactPlan.Kind.COUNT) {
            cells = new int[plan.prefixes.length << plan.splitBits];
            bounds = new long[4 * plan.prefixes.length];
            for (int i = 0; i < bounds.length; i += 4) {
                bounds[i] = Long.MAX_VALUE;
                bounds[i + 2] = Long.MIN_VALUE;
            }
            values = null;
        } else {
            cells = null;
            bounds = null;
            values = new double[(int) Math.min(1024, plan.collectTotal)];
        }
    }

    /**
     * Adds all values of an array as one chunk.
     *
     * @param x the values
     * @return this partial
     * @throws IllegalArgumentException if x is null or holds NaN or ±∞ at a kept position
     */
    public ExactPartial accept(double[] x) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        return accept(x, 0, x.length);
    }

    /**
     * Adds {@code x[offset, offset + length)} as the next chunk. With subsampling, a value is kept
     * when its index over the whole input (counting from this partial's first index across all
     * chunks it was given) is a multiple of the step; only kept values are checked.
     *
     * @param x the array
     * @param offset first index
     * @param length number of values, possibly 0
     * @return this partial
     * @throws IllegalArgumentException if x is null or a kept value is NaN or ±∞ (the message
     *     names the chunk, the index in the chunk and the index over the input)
     * @throws IndexOutOfBoundsException if the range is outside x
     * @throws IllegalStateException in a collecting round, if more values fall in the brackets
     *     than round 0 counted (the data changed)
     */
    public ExactPartial accept(double[] x, int offset, int length) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        if (offset < 0 || length < 0 || offset > x.length - length) {
            throw new IndexOutOfBoundsException(String.format(Locale.ROOT,
                "range [%d, %d) of an array of length %d", offset, (long) offset + length, x.length));
        }
        int k = plan.subsample;
        long rem = nextIndex % k;
        long skip = rem == 0 ? 0 : k - rem;
        int from = (int) Math.min(length, skip);
        int kept = from < length ? (length - from - 1) / k + 1 : 0;
        if (plan.kind == ExactPlan.Kind.COUNT) {
            if (unspilled + kept > Integer.MAX_VALUE) {
                spill();
            }
            unspilled += kept;
            count(x, offset, offset + from, offset + length, k);
        } else {
            collect(x, offset, offset + from, offset + length, k);
        }
        keptCount += kept;
        rawCount += length;
        nextIndex += length;
        chunks++;
        return this;
    }

    /**
     * Adds one full pass over a source, chunk by chunk.
     *
     * @param source the source
     * @return this partial
     * @throws IllegalArgumentException if source is null or holds NaN or ±∞ at a kept position
     */
    public ExactPartial accept(ChunkSource source) {
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        source.forEachChunk(this::accept);
        return this;
    }

    /**
     * Counts the kept values of x[from, to) by cell and widens the key bounds of their blocks,
     * counting the values equal to each bound. Round 0 has a single block (the whole line) whose
     * bounds stay in registers.
     */
    private void count(double[] x, int off, int from, int to, int step) {
        final int lBits = plan.prefixBits;
        final int f = plan.splitBits;
        final int pShift = 64 - lBits;
        final int sShift = 64 - lBits - f;
        final long sMask = (1L << f) - 1;
        final Keys.PrefixTable t = plan.table;
        final Keys.KeyFilter filter = plan.filter;
        final int[] direct = plan.direct;
        final int[] c = cells;
        final long[] bd = bounds;
        if (t == null) {
            long lo = bd[0];
            long loCount = bd[1];
            long hi = bd[2];
            long hiCount = bd[3];
            for (int i = from; i < to; i += step) {
                long bits = Double.doubleToRawLongBits(x[i]);
                if ((bits & Keys.EXPONENT) == Keys.EXPONENT) {
                    throw nonFinite(x[i], i - off);
                }
                long s = Keys.signedKey(bits);
                c[(int) (((s ^ Long.MIN_VALUE) >>> sShift) & sMask)]++;
                if (s <= lo) {
                    loCount = s < lo ? 1 : loCount + 1;
                    lo = s;
                }
                if (s >= hi) {
                    hiCount = s > hi ? 1 : hiCount + 1;
                    hi = s;
                }
            }
            bd[0] = lo;
            bd[1] = loCount;
            bd[2] = hi;
            bd[3] = hiCount;
            return;
        }
        for (int i = from; i < to; i += step) {
            long bits = Double.doubleToRawLongBits(x[i]);
            if ((bits & Keys.EXPONENT) == Keys.EXPONENT) {
                throw nonFinite(x[i], i - off);
            }
            long s = Keys.signedKey(bits);
            long u = s ^ Long.MIN_VALUE;
            int slot = direct != null ? direct[(int) (u >>> pShift)]
                : filter.mayContain(u) ? t.find(u >>> pShift) : -1;
            if (slot < 0) {
                continue;
            }
            c[(slot << f) | (int) ((u >>> sShift) & sMask)]++;
            int b = slot << 2;
            if (s <= bd[b] || s >= bd[b + 2]) {
                widen(bd, b, s);
            }
        }
    }

    /** Widens a block's bounds to a key at or outside them, counting the values equal to each bound. */
    private static void widen(long[] bd, int b, long s) {
        if (s <= bd[b]) {
            bd[b + 1] = s < bd[b] ? 1 : bd[b + 1] + 1;
            bd[b] = s;
        }
        if (s >= bd[b + 2]) {
            bd[b + 3] = s > bd[b + 2] ? 1 : bd[b + 3] + 1;
            bd[b + 2] = s;
        }
    }

    /** Moves the int counts into the long ones, so that the int counts can take 2^31 - 1 more values. */
    private void spill() {
        if (wide == null) {
            wide = new long[cells.length];
        }
        for (int i = 0; i < cells.length; i++) {
            wide[i] += cells[i];
            cells[i] = 0;
        }
        unspilled = 0;
    }

    private void collect(double[] x, int off, int from, int to, int step) {
        final int pShift = 64 - plan.prefixBits;
        final Keys.PrefixTable t = plan.table;
        final Keys.KeyFilter filter = plan.filter;
        final int[] direct = plan.direct;
        for (int i = from; i < to; i += step) {
            long bits = Double.doubleToRawLongBits(x[i]);
            if ((bits & Keys.EXPONENT) == Keys.EXPONENT) {
                throw nonFinite(x[i], i - off);
            }
            long u = Keys.signedKey(bits) ^ Long.MIN_VALUE;
            if (direct != null ? direct[(int) (u >>> pShift)] < 0 : !filter.mayContain(u) || t.find(u >>> pShift) < 0) {
                continue;
            }
            if (size == values.length) {
                grow(size + 1);
            }
            values[size++] = x[i];
        }
    }

    private void grow(long needed) {
        if (needed > plan.collectTotal) {
            throw new IllegalStateException("the data changed between passes: more than " + plan.collectTotal
                + " values fall in the brackets");
        }
        values = Arrays.copyOf(values, (int) Math.min(plan.collectTotal, Math.max(needed, 2L * values.length)));
    }

    private IllegalArgumentException nonFinite(double v, int index) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
            "chunk %d, index %d (value %d of the input): x (%s) must be finite (remove NaN and infinite values first)",
            chunks, index, nextIndex + index, v));
    }

    /**
     * Adds another partial of the same plan to this one. The result does not depend on the order
     * or grouping of merges.
     *
     * @param other a partial of the same plan (not this one)
     * @return this partial
     * @throws IllegalArgumentException if other is null, this partial, or of another plan
     * @throws IllegalStateException if the merged values exceed what round 0 counted
     */
    public ExactPartial merge(ExactPartial other) {
        if (other == null) {
            throw new IllegalArgumentException("other must not be null");
        }
        if (other == this) {
            throw new IllegalArgumentException("a partial cannot be merged with itself");
        }
        if (other.plan.id() != plan.id()) {
            throw new IllegalArgumentException("the partials belong to different plans");
        }
        if (cells != null) {
            if (other.wide != null) {
                if (wide == null) {
                    wide = new long[cells.length];
                }
                for (int i = 0; i < wide.length; i++) {
                    wide[i] += other.wide[i];
                }
            }
            if (unspilled + other.unspilled > Integer.MAX_VALUE) {
                spill();
            }
            int[] o = other.cells;
            for (int i = 0; i < cells.length; i++) {
                cells[i] += o[i];
            }
            unspilled += other.unspilled;
            long[] ob = other.bounds;
            for (int i = 0; i < bounds.length; i += 4) {
                if (ob[i] <= bounds[i]) {
                    bounds[i + 1] = ob[i] < bounds[i] ? ob[i + 1] : bounds[i + 1] + ob[i + 1];
                    bounds[i] = ob[i];
                }
                if (ob[i + 2] >= bounds[i + 2]) {
                    bounds[i + 3] = ob[i + 2] > bounds[i + 2] ? ob[i + 3] : bounds[i + 3] + ob[i + 3];
                    bounds[i + 2] = ob[i + 2];
                }
            }
        } else {
            if (size + (long) other.size > values.length) {
                grow(size + (long) other.size);
            }
            System.arraycopy(other.values, 0, values, size, other.size);
            size += other.size;
        }
        rawCount += other.rawCount;
        keptCount += other.keptCount;
        nextIndex += other.rawCount;
        chunks += other.chunks;
        return this;
    }

    /**
     * The plan this partial belongs to.
     *
     * @return the plan
     */
    public ExactPlan plan() {
        return plan;
    }

    /**
     * Values seen, before subsampling.
     *
     * @return the raw count
     */
    public long rawCount() {
        return rawCount;
    }

    /**
     * Values kept by subsampling (all of them without subsampling).
     *
     * @return the kept count
     */
    public long keptCount() {
        return keptCount;
    }

    /** Number of histogram cells (0 in a collecting round). */
    int cellCount() {
        return cells == null ? 0 : cells.length;
    }

    /** Values counted in a cell. */
    long count(int cell) {
        return wide == null ? cells[cell] : wide[cell] + cells[cell];
    }

    /** Smallest signed key counted in a block (Long.MAX_VALUE when it holds none). */
    long smallestKey(int block) {
        return bounds[4 * block];
    }

    /** Values counted in a block whose key is its smallest (0 when it holds none). */
    long smallestKeyCount(int block) {
        return bounds[4 * block + 1];
    }

    /** Values counted in a block whose key is its largest (0 when it holds none). */
    long largestKeyCount(int block) {
        return bounds[4 * block + 3];
    }

    /** Largest signed key counted in a block (Long.MIN_VALUE when it holds none). */
    long largestKey(int block) {
        return bounds[4 * block + 2];
    }

    double[] collected() {
        return values;
    }

    int collectedSize() {
        return size;
    }

    /**
     * This partial in the documented byte format (only non-empty cells and blocks are written).
     *
     * @return a new array
     */
    public byte[] toBytes() {
        return PartialCodec.write(this);
    }

    /**
     * Reads a partial written by {@link #toBytes()} for the given plan, validating every field.
     *
     * @param plan the plan the partial was made for
     * @param bytes the bytes
     * @return the partial
     * @throws IllegalArgumentException if plan or bytes is null, the bytes are not a valid partial
     *     (the message names the field, its value and the rule), they belong to another plan, or
     *     they are of another format version
     */
    public static ExactPartial fromBytes(ExactPlan plan, byte[] bytes) {
        if (plan == null) {
            throw new IllegalArgumentException("plan must not be null");
        }
        return PartialCodec.read(plan, bytes);
    }

    /**
     * Serializes through {@link SerialProxy}: the documented bytes, read back by the validating
     * {@code fromBytes}.
     *
     * @return the proxy
     */
    private Object writeReplace() {
        return new SerialProxy(SerialProxy.PARTIAL, toBytes(), plan.toBytes());
    }

    /**
     * Refuses direct deserialization, which would bypass validation.
     *
     * @param in the stream
     * @throws InvalidObjectException always
     */
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("an ExactPartial is read through its serialization proxy");
    }
}
