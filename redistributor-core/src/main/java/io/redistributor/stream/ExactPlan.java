package io.redistributor.stream;

import io.redistributor.LearnedDistribution;
import io.redistributor.TiePolicy;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One round of an exact, mergeable fit of a {@link LearnedDistribution}: which values to count or
 * keep, and how to turn the merged counts into the next round. The result equals
 * {@code fitter.fit(allData)} for the same options (the lattice values are the same doubles).
 *
 * <p>A fit runs in rounds; each round is one pass over the data, split in any way:
 * <pre>{@code
 * ExactPlan plan = ExactPlan.start(LearnedDistribution.fitter().withBins(1000));
 * while (!plan.isComplete()) {
 *     ExactPartial total = plan.newPartial();
 *     for (double[] part : partitions) {            // anywhere: threads, Spark tasks, files
 *         total.merge(plan.newPartial().accept(part));
 *     }
 *     plan = plan.next(total);
 * }
 * LearnedDistribution d = plan.result();
 * }</pre>
 *
 * <p>How it works. Each finite double has a 64-bit key that orders like {@link Double#compare};
 * the leading bits of the key cut the line into sorted blocks. Round 0 counts n and a histogram of
 * the 16 leading key bits, and the smallest and largest key of all values with the number of
 * values equal to each. From n the plan knows the lattice ranks ({@link
 * LearnedDistribution#latticeRanks}); each rank lies in one cell. Every counting round counts
 * values per cell (2<sup>f</sup> cells per block: the next f key bits) and keeps per block, not
 * per cell, the smallest and largest key and how many values have each: the counting loop then
 * updates one int at a random place of the cell table and a small block table that stays in cache
 * (a round with 2<sup>19</sup> cells touches 2 MiB instead of 12). A pending rank resolves when it
 * lies among the values equal to its block's smallest or largest key (so a block of one or two
 * distinct values resolves all its ranks, and so does a heavy value at the start or end of its
 * block: zeros, or integers, whose keys end in zeros), or when its cell is a single key (all 64
 * bits known); otherwise the cell that holds it becomes a block of the next round. Once those
 * blocks hold at most {@code maxBufferedValues} values in all, the next round collects exactly
 * those values instead; sorting them gives the remaining order statistics. The distribution is
 * then built with {@link LearnedDistribution.Fitter#fromOrderStatistics}, so bounds, ties and bins
 * behave as in memory.
 *
 * <p>Ties. A cell that holds a single repeated value inside its block is seen as such one round
 * after it is counted, when it has become a block and its bounds are known (keeping bounds per
 * cell saw it in the same round, at 3 to 5 times the cost of counting). Data made only of tied
 * values (integers, values with few decimals, categories) may therefore take one round more than
 * with per-cell bounds; data with heavy values at round numbers (zeros, integers, halves: keys
 * that end in zeros) among spread values can take one less, since the counts of the bounds resolve
 * a heavy value at the start or end of its block as soon as the block is counted, whatever else
 * the block holds. Integers below 2<sup>k</sup> are apart within their first 11 + k key bits
 * (sign, exponent, k − 1 mantissa bits), so they take at most 2 + ⌈max(0, k − 5) / f⌉ rounds (f
 * below): round 0, the rounds that split down to those bits, and one that sees the tied blocks'
 * bounds (3 rounds for integers below 2<sup>10</sup> with the defaults and 5000 bins, below
 * 2<sup>11</sup> with 2<sup>19</sup> cells). All-equal data, and ranks 0 and n − 1, are resolved
 * by round 0.
 *
 * <p>Cost. Memory per partial: one int per cell while counting, at most max(2<sup>16</sup>,
 * maxCounters) cells (plus one long per cell once a partial has counted more than 2<sup>31</sup> −
 * 1 values), and four longs per block; or the values it collects (at most maxBufferedValues over
 * all partials). Worst case, with or without ties: at most 1 + ⌈48 / f⌉ rounds, f = max(1,
 * ⌊log2(max(maxCounters, 2 bins) / bins)⌋) the least number of bits a counting round splits (5 for
 * the defaults and 5000 bins: 11 rounds; 6 with 2<sup>19</sup> cells: 9 rounds), reached by ranks
 * among values that differ in their last key bits only (e.g. copies of x, Math.nextUp(x) and the
 * double after it, the rank among the middle ones): round 0 resolves 16 bits and every counting
 * round at least f more, and a cell of 64 bits is a single key. Typical data needs 3 to 5.
 *
 * <p>Edge cases follow the in-memory fit: an empty input, fewer than 3 values, a subsampling step
 * above the count, bins outside [3, n], bounds not outside the data and refused ties all fail in
 * {@link #next} with an {@link IllegalArgumentException}; NaN and ±∞ fail in
 * {@link ExactPartial#accept}, naming the chunk and index. -0.0 sorts before +0.0 as in
 * {@link Arrays#sort(double[])}. Subsampling keeps the values whose index over the whole input is a
 * multiple of the step; each partial is told the index of its first value. {@code assumeSorted}
 * and {@code inPlace} have no effect: the result is exact for any order, an input declared sorted
 * is not checked, and inputs are never modified.
 *
 * <p>Plans are immutable and safe to share between threads. {@link #toBytes} gives a compact
 * format (below) for shipping a plan to workers; Java serialization is supported through the same
 * bytes (a serialization proxy that validates on reading).
 *
 * <p>Format, version 1, big-endian: int magic 0x52445850 ("RDXP"); byte version 1; byte kind
 * (0 count, 1 collect, 2 done); int round; int bins option; double lower; double upper; int
 * subsample; byte tie policy (0 MIDPOINT, 1 JITTER, 2 ERROR); long seed; int
 * maxBufferedValues; int maxCounters; long raw count; long count (both -1 in round 0); int bins
 * (0 in round 0); byte prefix bits; byte split bits; int m; m × (long prefix, long count, long
 * values below); int r; r lattice values (raw IEEE bits; NaN while pending).
 */
public final class ExactPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default bound on the values collected in the last round (32 MiB of doubles). */
    public static final int DEFAULT_MAX_BUFFERED_VALUES = 1 << 22;
    /** Default number of histogram cells per counting round (an int count each: 1 MiB). */
    public static final int DEFAULT_MAX_COUNTERS = 1 << 18;
    /** Largest accepted maxCounters (2<sup>28</sup> cells, 1 GiB of int counts). */
    public static final int MAX_COUNTERS = 1 << 28;
    /** Key bits resolved by round 0. */
    static final int ROOT_BITS = 16;

    enum Kind { COUNT, COLLECT, DONE }

    // options
    final transient int binsOption;
    final transient double lower;
    final transient double upper;
    final transient int subsample;
    final transient TiePolicy ties;
    final transient long seed;
    final transient int maxBuffered;
    final transient int maxCounters;
    // state
    final transient Kind kind;
    final transient int round;
    final transient long rawCount;
    final transient long count;
    final transient int bins;
    final transient int prefixBits;
    final transient int splitBits;
    final transient long[] prefixes;
    final transient long[] counts;
    final transient long[] belows;
    final transient double[] resolved;
    // derived
    final transient long[] ranks;
    final transient int[] rankInterval;
    final transient long[] offsets;
    final transient long collectTotal;
    final transient Keys.PrefixTable table;
    final transient Keys.KeyFilter filter;
    /** Slot of every prefix value when prefixes are short (one array read instead of filter and hash); or null. */
    final transient int[] direct;
    private final transient byte[] bytes;
    private final transient long id;
    private final transient LearnedDistribution result;

    ExactPlan(int binsOption, double lower, double upper, int subsample, TiePolicy ties,
              long seed, int maxBuffered, int maxCounters, Kind kind, int round, long rawCount, long count, int bins,
              int prefixBits, int splitBits, long[] prefixes, long[] counts, long[] belows, double[] resolved) {
        this.binsOption = binsOption;
        this.lower = lower;
        this.upper = upper;
        this.subsample = subsample;
        this.ties = ties;
        this.seed = seed;
        this.maxBuffered = maxBuffered;
        this.maxCounters = maxCounters;
        this.kind = kind;
        this.round = round;
        this.rawCount = rawCount;
        this.count = count;
        this.bins = bins;
        this.prefixBits = prefixBits;
        this.splitBits = splitBits;
        this.prefixes = prefixes;
        this.counts = counts;
        this.belows = belows;
        this.resolved = resolved;
        PlanCodec.checkState(this);
        this.ranks = round == 0 ? null : LearnedDistribution.latticeRanks(count, bins);
        this.rankInterval = round == 0 ? null : PlanCodec.assignRanks(this);
        this.offsets = new long[prefixes.length];
        long total = 0;
        for (int j = 0; j < prefixes.length; j++) {
            offsets[j] = total;
            total += counts[j];
        }
        this.collectTotal = kind == Kind.COLLECT ? total : 0;
        this.table = prefixBits == 0 || prefixes.length == 0 ? null : new Keys.PrefixTable(prefixes, prefixes.length);
        this.filter = table == null ? null : new Keys.KeyFilter(prefixes, prefixBits);
        this.direct = table == null || prefixBits > Keys.DIRECT_BITS ? null : Keys.directSlots(prefixes, prefixBits);
        this.bytes = PlanCodec.write(this);
        this.id = Formats.fingerprint(bytes);
        this.result = kind == Kind.DONE ? options().fromOrderStatistics(resolved, count) : null;
    }

    /**
     * The first round of an exact fit with the default memory limits.
     *
     * @param options the fitting options (bins, bounds, subsampling, ties, seed) as for an in-memory
     *     fit
     * @return round 0
     * @throws IllegalArgumentException if options is null
     */
    public static ExactPlan start(LearnedDistribution.Fitter options) {
        return start(options, DEFAULT_MAX_BUFFERED_VALUES, DEFAULT_MAX_COUNTERS);
    }

    /**
     * The first round of an exact fit.
     *
     * @param options the fitting options
     * @param maxBufferedValues most values collected (over all partials) in the final round, ≥ 1;
     *     smaller means more rounds
     * @param maxCounters most histogram cells per counting round, 2<sup>16</sup> …
     *     {@link #MAX_COUNTERS}; raised to 2 × bins when bins is larger
     * @return round 0
     * @throws IllegalArgumentException if options is null or a limit is out of range
     */
    public static ExactPlan start(LearnedDistribution.Fitter options, int maxBufferedValues, int maxCounters) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        if (maxBufferedValues < 1) {
            throw Formats.error("maxBufferedValues", maxBufferedValues, "must be >= 1");
        }
        if (maxCounters < 1 << ROOT_BITS || maxCounters > MAX_COUNTERS) {
            throw Formats.error("maxCounters", maxCounters, "must be in [" + (1 << ROOT_BITS) + ", " + MAX_COUNTERS
                + "]");
        }
        return new ExactPlan(options.bins(), options.lower(), options.upper(), options.subsample(),
            options.ties(), options.seed(), maxBufferedValues, maxCounters, Kind.COUNT, 0, -1,
            -1, 0, 0, ROOT_BITS, new long[] {0}, new long[] {0}, new long[] {0}, new double[0]);
    }

    /**
     * A new, empty partial for this round whose first value has index 0 in the whole input.
     *
     * @return the partial
     * @throws IllegalStateException if the plan is complete
     */
    public ExactPartial newPartial() {
        return newPartial(0);
    }

    /**
     * A new, empty partial for this round. The first index matters only with subsampling: a value
     * is kept when its index over the whole input is a multiple of the step.
     *
     * @param firstIndex index over the whole input of the first value this partial will see, ≥ 0
     * @return the partial
     * @throws IllegalArgumentException if firstIndex is negative
     * @throws IllegalStateException if the plan is complete
     */
    public ExactPartial newPartial(long firstIndex) {
        if (kind == Kind.DONE) {
            throw new IllegalStateException("the plan is complete; take result()");
        }
        if (firstIndex < 0) {
            throw Formats.error("firstIndex", firstIndex, "must be >= 0");
        }
        return new ExactPartial(this, firstIndex);
    }

    /**
     * The next round, from the merge of all partials of this round.
     *
     * @param merged the merged partial covering the whole input
     * @return the next plan, complete when all lattice values are known
     * @throws IllegalArgumentException if the partial belongs to another plan, or (after round 0)
     *     the data is refused as by the in-memory fit
     * @throws IllegalStateException if this plan is complete, or the data changed between rounds
     *     (the counts disagree)
     */
    public ExactPlan next(ExactPartial merged) {
        if (kind == Kind.DONE) {
            throw new IllegalStateException("the plan is complete; take result()");
        }
        if (merged == null) {
            throw new IllegalArgumentException("merged must not be null");
        }
        if (merged.plan().id() != id) {
            throw new IllegalArgumentException("the partial belongs to a different plan (round "
                + merged.plan().round() + ") than this one (round " + round + ")");
        }
        return PlanCodec.advance(this, merged);
    }

    /**
     * Whether every lattice value is known.
     *
     * @return true when {@link #result()} is available
     */
    public boolean isComplete() {
        return kind == Kind.DONE;
    }

    /**
     * The fitted distribution, equal to the in-memory fit of the same data and options.
     *
     * @return the distribution
     * @throws IllegalStateException if the plan is not complete
     */
    public LearnedDistribution result() {
        if (kind != Kind.DONE) {
            throw new IllegalStateException("the plan is not complete (round " + round + "); run next()");
        }
        return result;
    }

    /**
     * The fitting options this plan applies.
     *
     * @return the options
     */
    public LearnedDistribution.Fitter options() {
        return LearnedDistribution.fitter().withBins(binsOption).withLower(lower).withUpper(upper)
            .withSubsample(subsample).withTies(ties).withSeed(seed);
    }

    /**
     * The round number: 0 counts, later rounds narrow or collect.
     *
     * @return the round
     */
    public int round() {
        return round;
    }

    /**
     * Whether partials of this round collect values (the last round before completion).
     *
     * @return true in a collecting round
     */
    public boolean collectsValues() {
        return kind == Kind.COLLECT;
    }

    /**
     * The number of values the fit uses (after subsampling), known after round 0.
     *
     * @return n, or -1 in round 0
     */
    public long count() {
        return count;
    }

    /**
     * The number of lattice points, known after round 0.
     *
     * @return bins, or 0 in round 0
     */
    public int bins() {
        return bins;
    }

    /**
     * The number of lattice values not yet known.
     *
     * @return pending ranks (0 when complete; in round 0 all are pending and the count is unknown,
     *     so -1)
     */
    public int pendingRanks() {
        if (round == 0) {
            return -1;
        }
        int p = 0;
        for (double v : resolved) {
            p += Double.isNaN(v) ? 1 : 0;
        }
        return p;
    }

    /**
     * Histogram cells a partial of this round allocates (an int count each; the smallest and
     * largest key are kept per block).
     *
     * @return cells, 0 in a collecting round
     */
    public long counters() {
        return kind == Kind.COUNT ? (long) prefixes.length << splitBits : 0;
    }

    /**
     * The exact number of values all partials of this collecting round keep together.
     *
     * @return values, 0 unless {@link #collectsValues()}
     */
    public long bufferedValues() {
        return collectTotal;
    }

    /**
     * The identity of this plan: a 64-bit hash of {@link #toBytes()}; partials carry it.
     *
     * @return the id
     */
    public long id() {
        return id;
    }

    /**
     * The plan in the documented byte format.
     *
     * @return a new array
     */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /**
     * Reads a plan written by {@link #toBytes()}, validating every field.
     *
     * @param bytes the bytes
     * @return the plan
     * @throws IllegalArgumentException if the bytes are not a valid plan
     */
    public static ExactPlan fromBytes(byte[] bytes) {
        return PlanCodec.read(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactPlan p && p.id == id && Arrays.equals(p.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "ExactPlan[round=" + round + ", " + kind + ", n=" + count + ", bins=" + bins + ", pending="
            + pendingRanks() + "]";
    }

    /**
     * Serializes through {@link SerialProxy}: the documented bytes, read back by the validating
     * {@code fromBytes}.
     *
     * @return the proxy
     */
    private Object writeReplace() {
        return new SerialProxy(SerialProxy.PLAN, bytes, null);
    }

    /**
     * Refuses direct deserialization, which would bypass validation.
     *
     * @param in the stream
     * @throws InvalidObjectException always
     */
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("an ExactPlan is read through its serialization proxy");
    }
}
