package io.redistributor.stream;

import io.redistributor.LearnedDistribution;
import io.redistributor.TiePolicy;
import io.redistributor.stream.ExactPlan.Kind;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** The round-to-round logic of {@link ExactPlan}, its invariants and its byte format. */
final class PlanCodec {
    static final int MAGIC = 0x52445850; // "RDXP"
    /** Version of the plan's byte format (unchanged when the partial's format went to version 2). */
    static final byte VERSION = 1;
    private static final TiePolicy[] TIES = {TiePolicy.MIDPOINT, TiePolicy.JITTER, TiePolicy.ERROR};
    private static final Kind[] KINDS = {Kind.COUNT, Kind.COLLECT, Kind.DONE};
    /** Longest long[] allocated for cells. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private PlanCodec() {
    }

    /** Computes the next plan from the merged partial of plan p. */
    static ExactPlan advance(ExactPlan p, ExactPartial q) {
        long n;
        int bins;
        long[] ranks;
        int[] rankInterval;
        long[] counts;
        long[] belows;
        double[] resolved;
        if (p.round == 0) {
            long n0 = q.rawCount();
            n = q.keptCount();
            if (n0 == 0) {
                throw new IllegalArgumentException("x is empty; at least 3 finite values are needed");
            }
            if (p.subsample > n0) {
                throw Formats.error("subsample step", p.subsample, "must be <= n (" + n0 + ")");
            }
            if (n < 3) {
                throw Formats.error("x length", n, "must be >= 3 (a lattice needs at least 3 points)");
            }
            bins = p.binsOption == 0 ? LearnedDistribution.defaultBins(n) : p.binsOption;
            ranks = LearnedDistribution.latticeRanks(n, bins);
            rankInterval = new int[bins];
            counts = new long[] {n};
            belows = new long[] {0};
            resolved = new double[bins];
            Arrays.fill(resolved, Double.NaN);
        } else {
            if (q.rawCount() != p.rawCount || q.keptCount() != p.count) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "the data changed between passes: round %d saw %d values (%d kept), round 0 saw %d (%d kept)",
                    p.round, q.rawCount(), q.keptCount(), p.rawCount, p.count));
            }
            n = p.count;
            bins = p.bins;
            ranks = p.ranks;
            rankInterval = p.rankInterval;
            counts = p.counts;
            belows = p.belows;
            resolved = p.resolved.clone();
        }
        long n0 = p.round == 0 ? q.rawCount() : p.rawCount;
        if (p.kind == Kind.COLLECT) {
            collect(p, q, resolved);
            return make(p, Kind.DONE, n0, n, bins, 0, 0, new long[0], new long[0], new long[0], resolved);
        }
        int f = p.splitBits;
        for (int j = 0; j < counts.length; j++) {
            long sum = 0;
            for (int c = j << f, end = (j + 1) << f; c < end; c++) {
                sum += q.count(c);
            }
            if (sum != counts[j]) {
                throw new IllegalStateException("the data changed between passes: a block counted " + counts[j]
                    + " values before and " + sum + " now");
            }
        }
        // A rank resolves when it lies among the values equal to its block's smallest or largest key
        // (all of them when the block holds one distinct value), or when its cell is a single key
        // (all 64 bits known); otherwise the cell that holds it becomes a block of the next round.
        boolean fullKeys = p.prefixBits + f == 64;
        long[] np = new long[bins];
        long[] nc = new long[bins];
        long[] nb = new long[bins];
        int nm = 0;
        int lastCell = -1;
        int curJ = -1;
        int s = 0;
        long cum = 0;
        for (int r = 0; r < bins; r++) {
            if (!Double.isNaN(resolved[r])) {
                continue;
            }
            int j = rankInterval[r];
            long pos = ranks[r] - belows[j];
            if (pos < q.smallestKeyCount(j)) {
                resolved[r] = Keys.fromSignedKey(q.smallestKey(j));
                continue;
            }
            if (counts[j] - 1 - pos < q.largestKeyCount(j)) {
                resolved[r] = Keys.fromSignedKey(q.largestKey(j));
                continue;
            }
            if (j != curJ) {
                curJ = j;
                s = 0;
                cum = belows[j];
            }
            int base = j << f;
            while (cum + q.count(base + s) <= ranks[r]) {
                cum += q.count(base + s);
                s++;
            }
            int c = base + s;
            long prefix = (p.prefixes[j] << f) | s;
            if (fullKeys) {
                resolved[r] = Keys.fromSignedKey(prefix ^ Long.MIN_VALUE);
            } else if (c != lastCell) {
                np[nm] = prefix;
                nc[nm] = q.count(c);
                nb[nm] = cum;
                nm++;
                lastCell = c;
            }
        }
        int bitsNow = p.prefixBits + f;
        if (nm == 0) {
            return make(p, Kind.DONE, n0, n, bins, 0, 0, new long[0], new long[0], new long[0], resolved);
        }
        np = Arrays.copyOf(np, nm);
        nc = Arrays.copyOf(nc, nm);
        nb = Arrays.copyOf(nb, nm);
        long total = 0;
        for (long c : nc) {
            total += c;
        }
        if (total <= p.maxBuffered) {
            return make(p, Kind.COLLECT, n0, n, bins, bitsNow, 0, np, nc, nb, resolved);
        }
        long budget = Math.min(Math.max(p.maxCounters, 2L * bins), MAX_ARRAY / 3);
        int split = 63 - Long.numberOfLeadingZeros(Math.max(2, budget / nm));
        split = Math.max(1, Math.min(64 - bitsNow, split));
        return make(p, Kind.COUNT, n0, n, bins, bitsNow, split, np, nc, nb, resolved);
    }

    /** Sorts the collected values and reads the pending order statistics from them. */
    private static void collect(ExactPlan p, ExactPartial q, double[] resolved) {
        double[] v = q.collected();
        int size = q.collectedSize();
        if (size != p.collectTotal) {
            throw new IllegalStateException("the data changed between passes: " + size
                + " values fell in the brackets, " + p.collectTotal + " were counted");
        }
        Arrays.sort(v, 0, size);
        int shift = 64 - p.prefixBits;
        for (int r = 0; r < resolved.length; r++) {
            if (!Double.isNaN(resolved[r])) {
                continue;
            }
            int j = p.rankInterval[r];
            double x = v[(int) (p.offsets[j] + p.ranks[r] - p.belows[j])];
            long u = Keys.signedKey(Double.doubleToRawLongBits(x)) ^ Long.MIN_VALUE;
            if (u >>> shift != p.prefixes[j]) {
                throw new IllegalStateException("the data changed between passes: a collected value left its bracket");
            }
            resolved[r] = x;
        }
    }

    private static ExactPlan make(ExactPlan p, Kind kind, long n0, long n, int bins, int prefixBits, int splitBits,
                                  long[] prefixes, long[] counts, long[] belows, double[] resolved) {
        return new ExactPlan(p.binsOption, p.lower, p.upper, p.subsample, p.ties, p.seed, p.maxBuffered,
            p.maxCounters, kind, p.round + 1, n0, n, bins, prefixBits, splitBits, prefixes, counts, belows, resolved);
    }

    /** For each pending rank, the interval holding it. */
    static int[] assignRanks(ExactPlan p) {
        int[] at = new int[p.bins];
        int j = 0;
        int m = p.prefixes.length;
        for (int r = 0; r < p.bins; r++) {
            if (!Double.isNaN(p.resolved[r])) {
                at[r] = -1;
                continue;
            }
            long rank = p.ranks[r];
            while (j < m && p.belows[j] + p.counts[j] <= rank) {
                j++;
            }
            if (j == m || p.belows[j] > rank) {
                throw Formats.error("rank", rank, "is pending but lies in no bracket of the plan");
            }
            at[r] = j;
        }
        return at;
    }

    /** Checks the invariants every plan keeps; used for plans read from bytes. */
    static void checkState(ExactPlan p) {
        if (p.binsOption != 0 && p.binsOption < 3) {
            throw Formats.error("bins", p.binsOption, "must be >= 3 (or 0 for min(n, 5000))");
        }
        if (p.subsample < 1) {
            throw Formats.error("subsample step", p.subsample, "must be >= 1");
        }
        if (Double.isInfinite(p.lower) || Double.isInfinite(p.upper)) {
            throw Formats.error("bounds", "[" + p.lower + ", " + p.upper + "]", "must be finite or NaN");
        }
        if (p.ties == null) {
            throw new IllegalArgumentException("ties must not be null");
        }
        if (p.maxBuffered < 1 || p.maxCounters < 1 << ExactPlan.ROOT_BITS || p.maxCounters > ExactPlan.MAX_COUNTERS) {
            throw Formats.error("limits", p.maxBuffered + ", " + p.maxCounters, "are out of range");
        }
        int m = p.prefixes.length;
        if (p.counts.length != m || p.belows.length != m) {
            throw new IllegalArgumentException("bracket arrays differ in length");
        }
        if (p.round == 0) {
            boolean root = p.kind == Kind.COUNT && p.rawCount == -1 && p.count == -1 && p.bins == 0
                && p.prefixBits == 0 && p.splitBits == ExactPlan.ROOT_BITS && m == 1 && p.prefixes[0] == 0
                && p.resolved.length == 0;
            if (!root) {
                throw new IllegalArgumentException("round 0 must be the initial counting round");
            }
            return;
        }
        if (p.round < 0 || !(p.count >= 3 && p.rawCount >= p.count)) {
            throw Formats.error("counts", p.rawCount + " raw, " + p.count + " kept in round " + p.round,
                "must satisfy round >= 1 and raw >= kept >= 3");
        }
        int expectBins = p.binsOption == 0 ? LearnedDistribution.defaultBins(p.count) : p.binsOption;
        if (p.bins != expectBins || p.resolved.length != p.bins) {
            throw Formats.error("bins", p.bins, "must be " + expectBins + " with one value slot each");
        }
        int pending = 0;
        double prev = Double.NEGATIVE_INFINITY;
        for (double v : p.resolved) {
            if (Double.isNaN(v)) {
                pending++;
            } else if (Double.isInfinite(v) || Double.compare(v, prev) < 0) {
                throw Formats.error("lattice value", v, "must be finite and not below an earlier one");
            } else {
                prev = v;
            }
        }
        boolean shape = switch (p.kind) {
            case DONE -> m == 0 && pending == 0;
            case COLLECT -> m >= 1 && pending >= 1 && p.splitBits == 0 && p.prefixBits >= 1 && p.prefixBits <= 64;
            case COUNT -> m >= 1 && pending >= 1 && p.splitBits >= 1 && p.prefixBits >= 1
                && p.prefixBits + p.splitBits <= 64 && 3L * ((long) m << p.splitBits) <= MAX_ARRAY;
        };
        if (!shape || m > p.bins) {
            throw new IllegalArgumentException("the plan's bracket layout is inconsistent (" + p.kind + ", " + m
                + " brackets, " + pending + " pending, " + p.prefixBits + "+" + p.splitBits + " bits)");
        }
        long end = 0;
        for (int j = 0; j < m; j++) {
            long pre = p.prefixes[j];
            boolean fits = p.prefixBits == 64 || pre >>> p.prefixBits == 0;
            if (!fits || (j > 0 && Long.compareUnsigned(pre, p.prefixes[j - 1]) <= 0) || p.counts[j] < 1
                || p.belows[j] < end) {
                throw Formats.error("bracket " + j, pre + ": " + p.counts[j] + " values, " + p.belows[j] + " below",
                    "breaks the order of brackets");
            }
            end = p.belows[j] + p.counts[j];
        }
        if (end > p.count) {
            throw Formats.error("brackets end", end, "must be <= n (" + p.count + ")");
        }
    }

    static byte[] write(ExactPlan p) {
        int m = p.prefixes.length;
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + 1 + 4 + 4 + 8 + 8 + 4 + 1 + 8 + 4 + 4 + 8 + 8 + 4 + 1 + 1 + 4
            + 24 * m + 4 + 8 * p.resolved.length);
        b.putInt(MAGIC).put(VERSION).put((byte) p.kind.ordinal()).putInt(p.round);
        b.putInt(p.binsOption).putDouble(p.lower).putDouble(p.upper).putInt(p.subsample);
        b.put((byte) Arrays.asList(TIES).indexOf(p.ties)).putLong(p.seed);
        b.putInt(p.maxBuffered).putInt(p.maxCounters);
        b.putLong(p.rawCount).putLong(p.count).putInt(p.bins);
        b.put((byte) p.prefixBits).put((byte) p.splitBits).putInt(m);
        for (int j = 0; j < m; j++) {
            b.putLong(p.prefixes[j]).putLong(p.counts[j]).putLong(p.belows[j]);
        }
        b.putInt(p.resolved.length);
        for (double v : p.resolved) {
            b.putLong(Double.doubleToRawLongBits(v));
        }
        return b.array();
    }

    static ExactPlan read(byte[] bytes) {
        ByteBuffer b = Formats.open(bytes, MAGIC, "plan", VERSION);
        return Formats.decode(b, "plan", in -> {
            int kind = in.get();
            if (kind < 0 || kind >= KINDS.length) {
                throw Formats.error("plan kind", kind, "must be 0, 1 or 2");
            }
            int round = in.getInt();
            int binsOption = in.getInt();
            double lower = in.getDouble();
            double upper = in.getDouble();
            int subsample = in.getInt();
            int ties = in.get();
            if (ties < 0 || ties >= TIES.length) {
                throw Formats.error("tie policy", ties, "must be 0, 1 or 2");
            }
            long seed = in.getLong();
            int maxBuffered = in.getInt();
            int maxCounters = in.getInt();
            long rawCount = in.getLong();
            long count = in.getLong();
            int bins = in.getInt();
            int prefixBits = in.get();
            int splitBits = in.get();
            int m = Formats.count(in, "bracket count", in.remaining() / 24);
            long[] prefixes = new long[m];
            long[] counts = new long[m];
            long[] belows = new long[m];
            for (int j = 0; j < m; j++) {
                prefixes[j] = in.getLong();
                counts[j] = in.getLong();
                belows[j] = in.getLong();
            }
            double[] resolved = new double[Formats.count(in, "lattice value count", in.remaining() / 8)];
            for (int i = 0; i < resolved.length; i++) {
                resolved[i] = Double.longBitsToDouble(in.getLong());
            }
            return new ExactPlan(binsOption, lower, upper, subsample, TIES[ties], seed, maxBuffered, maxCounters,
                KINDS[kind], round, rawCount, count, bins, prefixBits, splitBits, prefixes, counts, belows, resolved);
        });
    }
}
