package io.redistributor.stream;

import io.redistributor.LearnedDistribution;

/**
 * Exact fits of data that does not fit in one array: chunk lists, re-readable streams and files,
 * or more than 2<sup>31</sup> - 1 values. The result is the same lattice as
 * {@code options.fit(allValues)} would give in memory, with memory bounded by the limits below
 * plus what the source itself holds, and a few passes over the source.
 *
 * <pre>{@code
 * ChunkSource source = ChunkSource.of(chunk0, chunk1, chunk2);
 * LearnedDistribution d = ChunkedFitter.of(LearnedDistribution.fitter().withBins(500)).fit(source);
 * }</pre>
 *
 * <p>The algorithm and its bounds are those of {@link ExactPlan}: one pass counts n and a coarse
 * histogram of the value keys, each later pass narrows the brackets around the lattice ranks or
 * collects the few values inside them. Typical data needs 3 to 5 passes; at most 1 + ⌈48 / f⌉
 * with f = max(1, ⌊log2(maxCounters / bins)⌋).
 *
 * <p>Options and edge cases are those of the in-memory {@link LearnedDistribution.Fitter}: bins,
 * bounds, ties and seed act the same; subsampling keeps every k-th value counting across chunks
 * from the first value of the first chunk; NaN and ±∞ at kept positions are refused with a message
 * naming the chunk and index; an empty source or fewer than 3 values is refused. The sortedness
 * declaration is not checked (the fit is exact for any order), and sources are never modified.
 * Instances are immutable and thread-safe.
 */
public final class ChunkedFitter {
    private final LearnedDistribution.Fitter options;
    private final int maxBufferedValues;
    private final int maxCounters;

    private ChunkedFitter(LearnedDistribution.Fitter options, int maxBufferedValues, int maxCounters) {
        this.options = options;
        this.maxBufferedValues = maxBufferedValues;
        this.maxCounters = maxCounters;
        ExactPlan.start(options, maxBufferedValues, maxCounters); // validates
    }

    /**
     * A fitter with the given options and the default memory limits
     * ({@link ExactPlan#DEFAULT_MAX_BUFFERED_VALUES}, {@link ExactPlan#DEFAULT_MAX_COUNTERS}).
     *
     * @param options fitting options
     * @return the fitter
     * @throws IllegalArgumentException if options is null
     */
    public static ChunkedFitter of(LearnedDistribution.Fitter options) {
        return new ChunkedFitter(options, ExactPlan.DEFAULT_MAX_BUFFERED_VALUES, ExactPlan.DEFAULT_MAX_COUNTERS);
    }

    /**
     * A fitter with the default options ({@link LearnedDistribution#fitter()}).
     *
     * @return the fitter
     */
    public static ChunkedFitter defaults() {
        return of(LearnedDistribution.fitter());
    }

    /**
     * Bounds the values held in the last pass (32 MiB of doubles by default); smaller means
     * more passes.
     *
     * @param maxValues at least 1
     * @return a modified copy
     * @throws IllegalArgumentException if maxValues &lt; 1
     */
    public ChunkedFitter withMaxBufferedValues(int maxValues) {
        return new ChunkedFitter(options, maxValues, maxCounters);
    }

    /**
     * Bounds the histogram cells of a counting pass (an int count each; 2<sup>18</sup> by
     * default); smaller means more passes.
     *
     * @param cells 2<sup>16</sup> … {@link ExactPlan#MAX_COUNTERS}
     * @return a modified copy
     * @throws IllegalArgumentException if cells is out of range
     */
    public ChunkedFitter withMaxCounters(int cells) {
        return new ChunkedFitter(options, maxBufferedValues, cells);
    }

    /**
     * The fitting options.
     *
     * @return the options
     */
    public LearnedDistribution.Fitter options() {
        return options;
    }

    /**
     * Fits a distribution exactly.
     *
     * @param source the data; read a few times, must give the same values on each pass
     * @return the distribution, equal to the in-memory fit of the concatenated chunks
     * @throws IllegalArgumentException as the in-memory fit, or if source is null
     * @throws IllegalStateException if the source changed between passes
     */
    public LearnedDistribution fit(ChunkSource source) {
        return fitWithReport(source).distribution();
    }

    /**
     * Fits a distribution exactly and reports the work done.
     *
     * @param source the data
     * @return the distribution with the passes and memory used
     * @throws IllegalArgumentException as the in-memory fit, or if source is null
     * @throws IllegalStateException if the source changed between passes
     */
    public Report fitWithReport(ChunkSource source) {
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        ExactPlan plan = ExactPlan.start(options, maxBufferedValues, maxCounters);
        int passes = 0;
        long cells = 0;
        long buffered = 0;
        while (!plan.isComplete()) {
            cells = Math.max(cells, plan.counters());
            buffered = Math.max(buffered, plan.bufferedValues());
            ExactPartial p = plan.newPartial().accept(source);
            passes++;
            plan = plan.next(p);
        }
        return new Report(plan.result(), passes, cells, buffered);
    }

    /**
     * The outcome of {@link #fitWithReport}.
     *
     * @param distribution the fitted distribution
     * @param passes passes made over the source
     * @param maxCells most histogram cells held in one pass (an int count each)
     * @param maxBufferedValues most values held in one pass
     */
    public record Report(LearnedDistribution distribution, int passes, long maxCells, long maxBufferedValues) {
    }
}
