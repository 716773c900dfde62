package io.redistributor.stream;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * What one part of the data contributes to one round of an {@link ExactPlan}: counts per
 * histogram cell (with the smallest and largest value key of each cell) in counting rounds, or the
 * values inside the brackets in the collecting round. Partials of the same plan merge in any
 * order and grouping with the same result, so they suit parallel and distributed fits.
 *
 * <p>A partial is a mutable accumulator and not thread-safe: give each thread or task its own and
 * {@link #merge} them. It never keeps a reference to the arrays it reads.
 *
 * <p>Format ({@link #toBytes()}), version 1, big-endian: int magic 0x52445851 ("RDXQ"); byte
 * version 1; byte kind (0 count, 1 collect); long plan id; long raw count; long kept count; long
 * next index; long chunks; then for a counting round int k and k × (int cell, long count, long
 * smallest key, long largest key) for the non-empty cells in increasing order, or for a collecting
 * round int k and k doubles. Java serialization writes the plan's bytes and these bytes through a
 * validating proxy.
 */
public final class ExactPartial implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAGIC = 0x52445851; // "RDXQ"

    private final transient ExactPlan plan;
    private transient long rawCount;
    private transient long keptCount;
    private transient long nextIndex;
    private transient long chunks;
    /** Per cell, side by side (one cache line per update): count, smallest key, largest key. */
    private final transient long[] cells;
    private transient double[] values;
    private transient int size;

    ExactPartial(ExactPlan plan, long firstIndex) {
        this.plan = plan;
        this.nextIndex = firstIndex;
        if (plan.kind == ExactPlan.Kind.COUNT) {
            int cellCount = plan.prefixes.length << plan.splitBits;
            cells = new long[3 * cellCount];
            for (int i = 0; i < cells.length; i += 3) {
                cells[i + 1] = Long.MAX_VALUE;
                cells[i + 2] = Long.MIN_VALUE;
            }
            values = null;
        } else {
            cells = null;
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
        if (plan.kind == ExactPlan.Kind.COUNT) {
            count(x, offset, offset + from, offset + length, k);
        } else {
            collect(x, offset, offset + from, offset + length, k);
        }
        keptCount += from < length ? (length - from - 1) / k + 1 : 0;
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

    private void count(double[] x, int off, int from, int to, int step) {
        final int lBits = plan.prefixBits;
        final int f = plan.splitBits;
        final int pShift = 64 - lBits;
        final int sShift = 64 - lBits - f;
        final long sMask = (1L << f) - 1;
        final Keys.PrefixTable t = plan.table;
        final Keys.KeyFilter filter = plan.filter;
        final int[] direct = plan.direct;
        final long[] c = cells;
        for (int i = from; i < to; i += step) {
            long bits = Double.doubleToRawLongBits(x[i]);
            if ((bits & Keys.EXPONENT) == Keys.EXPONENT) {
                throw nonFinite(x[i], i - off);
            }
            long s = Keys.signedKey(bits);
            long u = s ^ Long.MIN_VALUE;
            int slot = t == null ? 0 : direct != null ? direct[(int) (u >>> pShift)]
                : filter.mayContain(u) ? t.find(u >>> pShift) : -1;
            if (slot < 0) {
                continue;
            }
            int b = 3 * ((slot << f) | (int) ((u >>> sShift) & sMask));
            c[b]++;
            if (s < c[b + 1]) {
                c[b + 1] = s;
            }
            if (s > c[b + 2]) {
                c[b + 2] = s;
            }
        }
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
            long[] o = other.cells;
            for (int i = 0; i < cells.length; i += 3) {
                cells[i] += o[i];
                cells[i + 1] = Math.min(cells[i + 1], o[i + 1]);
                cells[i + 2] = Math.max(cells[i + 2], o[i + 2]);
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

    /** Cells as (count, smallest key, largest key) triples. */
    long[] cells() {
        return cells;
    }

    double[] collected() {
        return values;
    }

    int collectedSize() {
        return size;
    }

    /**
     * This partial in the documented byte format (only non-empty cells are written).
     *
     * @return a new array
     */
    public byte[] toBytes() {
        int nonEmpty = 0;
        if (cells != null) {
            for (int i = 0; i < cells.length; i += 3) {
                nonEmpty += cells[i] != 0 ? 1 : 0;
            }
        }
        int body = cells != null ? 28 * nonEmpty : 8 * size;
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 1 + 8 + 32 + 4 + body);
        b.putInt(MAGIC).put(Formats.VERSION).put((byte) (cells != null ? 0 : 1)).putLong(plan.id());
        b.putLong(rawCount).putLong(keptCount).putLong(nextIndex).putLong(chunks);
        if (cells != null) {
            b.putInt(nonEmpty);
            for (int i = 0; i < cells.length; i += 3) {
                if (cells[i] != 0) {
                    b.putInt(i / 3).putLong(cells[i]).putLong(cells[i + 1]).putLong(cells[i + 2]);
                }
            }
        } else {
            b.putInt(size);
            for (int i = 0; i < size; i++) {
                b.putDouble(values[i]);
            }
        }
        return b.array();
    }

    /**
     * Reads a partial written by {@link #toBytes()} for the given plan, validating every field.
     *
     * @param plan the plan the partial was made for
     * @param bytes the bytes
     * @return the partial
     * @throws IllegalArgumentException if plan or bytes is null, the bytes are not a valid partial,
     *     or they belong to another plan
     */
    public static ExactPartial fromBytes(ExactPlan plan, byte[] bytes) {
        if (plan == null) {
            throw new IllegalArgumentException("plan must not be null");
        }
        ByteBuffer b = Formats.open(bytes, MAGIC, "partial");
        return Formats.decode(b, "partial", in -> {
            int kind = in.get();
            if (kind != (plan.kind == ExactPlan.Kind.COUNT ? 0 : 1) || plan.isComplete()) {
                throw Formats.error("partial kind", kind, "does not match the plan's round (" + plan + ")");
            }
            long id = in.getLong();
            if (id != plan.id()) {
                throw Formats.error("partial plan id", Long.toHexString(id), "must be the plan's id "
                    + Long.toHexString(plan.id()));
            }
            ExactPartial q = new ExactPartial(plan, 0);
            q.rawCount = in.getLong();
            q.keptCount = in.getLong();
            q.nextIndex = in.getLong();
            q.chunks = in.getLong();
            if (q.rawCount < 0 || q.keptCount < 0 || q.keptCount > q.rawCount || q.nextIndex < q.rawCount
                || q.chunks < 0) {
                throw Formats.error("partial counts", q.rawCount + ", " + q.keptCount + ", " + q.nextIndex + ", "
                    + q.chunks, "must satisfy 0 <= kept <= raw <= next index and chunks >= 0");
            }
            if (kind == 0) {
                int k = Formats.count(in, "non-empty cells", Math.min(q.cells.length / 3, in.remaining() / 28));
                int prev = -1;
                for (int i = 0; i < k; i++) {
                    int cell = in.getInt();
                    long c = in.getLong();
                    long lo = in.getLong();
                    long hi = in.getLong();
                    if (cell <= prev || cell >= q.cells.length / 3 || c < 1 || lo > hi) {
                        throw Formats.error("partial cell", cell, "is out of order, out of range or inconsistent");
                    }
                    q.cells[3 * cell] = c;
                    q.cells[3 * cell + 1] = lo;
                    q.cells[3 * cell + 2] = hi;
                    prev = cell;
                }
            } else {
                int k = Formats.count(in, "collected values", (int) Math.min(plan.collectTotal, in.remaining() / 8));
                q.values = new double[k];
                for (int i = 0; i < k; i++) {
                    double v = in.getDouble();
                    if (!Double.isFinite(v)) {
                        throw Formats.error("collected value " + i, v, "must be finite");
                    }
                    q.values[i] = v;
                }
                q.size = k;
            }
            return q;
        });
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
