package io.redistributor.stream;

import java.nio.ByteBuffer;

/**
 * The byte format of {@link ExactPartial} (documented there), version 2: counts per non-empty
 * cell, then the key bounds of each block that holds values, each with the number of values that
 * have it. Reading checks every field against
 * the plan and against each other.
 */
final class PartialCodec {
    static final int MAGIC = 0x52445851; // "RDXQ"
    /** 2 since the key bounds are kept per block, not per cell (version 1). */
    static final byte VERSION = 2;

    private PartialCodec() {
    }

    static byte[] write(ExactPartial q) {
        int[] cells = q.cells;
        int nonEmpty = 0;
        int blocks = 0;
        if (cells != null) {
            for (int i = 0; i < cells.length; i++) {
                nonEmpty += q.count(i) != 0 ? 1 : 0;
            }
            for (int j = 0; j < q.bounds.length; j += 4) {
                blocks += q.bounds[j] <= q.bounds[j + 2] ? 1 : 0;
            }
        }
        int body = cells != null ? 4 + 12 * nonEmpty + 4 + 32 * blocks : 4 + 8 * q.size;
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 1 + 8 + 32 + body);
        b.putInt(MAGIC).put(VERSION).put((byte) (cells != null ? 0 : 1)).putLong(q.plan().id());
        b.putLong(q.rawCount).putLong(q.keptCount).putLong(q.nextIndex).putLong(q.chunks);
        if (cells != null) {
            b.putInt(nonEmpty);
            for (int i = 0; i < cells.length; i++) {
                long c = q.count(i);
                if (c != 0) {
                    b.putInt(i).putLong(c);
                }
            }
            b.putInt(blocks);
            for (int j = 0; j < q.bounds.length; j += 4) {
                if (q.bounds[j] <= q.bounds[j + 2]) {
                    b.putLong(q.bounds[j]).putLong(q.bounds[j + 1]).putLong(q.bounds[j + 2]).putLong(q.bounds[j + 3]);
                }
            }
        } else {
            b.putInt(q.size);
            for (int i = 0; i < q.size; i++) {
                b.putDouble(q.values[i]);
            }
        }
        return b.array();
    }

    static ExactPartial read(ExactPlan plan, byte[] bytes) {
        ByteBuffer b = Formats.open(bytes, MAGIC, "partial", VERSION);
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
                readCounts(plan, q, in);
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

    /** Reads the cells and block bounds of a counting round into q, checking them. */
    private static void readCounts(ExactPlan plan, ExactPartial q, ByteBuffer in) {
        int f = plan.splitBits;
        int m = plan.prefixes.length;
        int[] first = new int[m];
        int[] last = new int[m];
        java.util.Arrays.fill(first, -1);
        long[] inBlock = new long[m];
        long[] firstCount = new long[m];
        long[] lastCount = new long[m];
        boolean small = q.keptCount <= Integer.MAX_VALUE;
        long[] counts = small ? null : (q.wide = new long[q.cells.length]);
        int k = Formats.count(in, "non-empty cells", Math.min(q.cells.length, in.remaining() / 12));
        int prev = -1;
        long sum = 0;
        int blocks = 0;
        for (int i = 0; i < k; i++) {
            int cell = in.getInt();
            long c = in.getLong();
            if (cell <= prev || cell >= q.cells.length) {
                throw Formats.error("partial cell", cell, "must be in (" + prev + ", " + q.cells.length
                    + ") (increasing, inside the plan's cells)");
            }
            if (c < 1 || c > q.keptCount - sum) {
                throw Formats.error("partial count of cell " + cell, c, "must be >= 1, with all cells summing to at most"
                    + " the kept count " + q.keptCount);
            }
            sum += c;
            if (small) {
                q.cells[cell] = (int) c;
            } else {
                counts[cell] = c;
            }
            int j = cell >>> f;
            if (first[j] < 0) {
                first[j] = cell;
                firstCount[j] = c;
                blocks++;
            }
            last[j] = cell;
            lastCount[j] = c;
            inBlock[j] += c;
            prev = cell;
        }
        q.unspilled = small ? sum : 0;
        int b = in.getInt();
        if (b != blocks) {
            throw Formats.error("partial blocks with values", b, "must be " + blocks + " (the blocks of the non-empty"
                + " cells)");
        }
        int pShift = 64 - plan.prefixBits;
        int sShift = pShift - f;
        long sMask = (1L << f) - 1;
        for (int j = 0; j < m; j++) {
            if (first[j] < 0) {
                continue;
            }
            long lo = in.getLong();
            long loCount = in.getLong();
            long hi = in.getLong();
            long hiCount = in.getLong();
            long ulo = lo ^ Long.MIN_VALUE;
            long uhi = hi ^ Long.MIN_VALUE;
            boolean inside = pShift == 64 || (ulo >>> pShift == plan.prefixes[j] && uhi >>> pShift == plan.prefixes[j]);
            if (!(lo <= hi && inside && ((j << f) | (int) ((ulo >>> sShift) & sMask)) == first[j]
                && ((j << f) | (int) ((uhi >>> sShift) & sMask)) == last[j])) {
                throw Formats.error("partial key bounds of block " + j, "[" + lo + ", " + hi + "]",
                    "must be ordered and lie in the block's first and last non-empty cells (" + first[j] + ", "
                        + last[j] + ")");
            }
            boolean runs = lo == hi ? loCount == inBlock[j] && hiCount == inBlock[j]
                : loCount >= 1 && hiCount >= 1 && loCount <= firstCount[j] && hiCount <= lastCount[j]
                    && loCount <= inBlock[j] - hiCount;
            if (!runs) {
                throw Formats.error("partial bound counts of block " + j, loCount + ", " + hiCount,
                    "must be >= 1 and fit the bounds' cells (" + firstCount[j] + ", " + lastCount[j] + " values) and the"
                        + " block (" + inBlock[j] + " values, all of them when its bounds are equal)");
            }
            q.bounds[4 * j] = lo;
            q.bounds[4 * j + 1] = loCount;
            q.bounds[4 * j + 2] = hi;
            q.bounds[4 * j + 3] = hiCount;
        }
    }
}
