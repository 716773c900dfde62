package io.redistributor.cli;

import io.redistributor.LearnedDistribution;
import io.redistributor.stream.ExactPartial;
import io.redistributor.stream.ExactPlan;
import io.redistributor.stream.SketchFit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Fits the selected columns of a CSV file with the stream module, never holding more than the
 * fit's bounded state:
 * <ul>
 *   <li>{@link #exact}: {@link ExactPlan} rounds; the CSV file is parsed once, later rounds read
 *       temporary binary copies of the columns, in ranges on all threads; the result equals the
 *       in-memory fit of each column.</li>
 *   <li>{@link #sketch}: one pass into {@link SketchFit} KLL sketches with a stated rank error.</li>
 * </ul>
 * Parsing runs on worker threads. For the exact fit each worker feeds its own partial and the
 * partials are merged after the pass (exact merges do not depend on the order), except with
 * subsampling, where values must be seen in file order and are fed on the reading thread. Sketches
 * are made per chunk and merged in file order, so approximate models too are the same for any
 * number of threads. Missing cells are skipped; an infinite value or a
 * non-numeric cell stops the fit with its file, line and column.
 */
final class ColumnFits {
    /**
     * Most values an exact fit collects and sorts per column in its last round: 2^20 (8 MiB)
     * rather than the library's default 2^22. With fewer, a column of a few million values takes
     * one more counting round but sorts a small fraction of its values instead of all of them:
     * on 3·10⁶ normal values that took 201 ms instead of 369 ms of CPU, and on 10⁷ about the
     * same (591 against 610 ms), measured with the library alone on the project's machine.
     */
    static final int MAX_COLLECTED = 1 << 20;

    /**
     * Histogram cells per counting round and partial: 2^19 (2 MiB of int counts) rather than the
     * library's default 2^18. Each spill round is a full pass over a column, and with 10⁷ values around
     * 10⁴ (the benchmark file's last column) 2^18 cells needed two counting rounds before
     * collecting where 2^19 need one; the other columns of that file took one either way.
     */
    static final int MAX_COUNTERS = 1 << 19;

    private final Path file;
    private final byte delimiter;
    private final int threads;

    /**
     * Creates the fitter of a file.
     *
     * @param file the CSV file
     * @param delimiter the delimiter
     * @param threads worker threads
     */
    ColumnFits(Path file, byte delimiter, int threads) {
        this.file = file;
        this.delimiter = delimiter;
        this.threads = threads;
    }

    /** Receives the finite values of one chunk, per selected column. */
    interface Feed {
        /**
         * Receives values.
         *
         * @param c index among the selected columns
         * @param values the values (NaN removed)
         * @param n how many
         */
        void accept(int c, double[] values, int n);
    }

    /** Receives the finite values of each chunk in file order, on the reading thread. */
    interface OrderedFeed {
        /**
         * Receives values.
         *
         * @param c index among the selected columns
         * @param values the values (NaN removed)
         * @param n how many
         * @throws IOException if a spill file cannot be written
         */
        void accept(int c, double[] values, int n) throws IOException;
    }

    /** A numbered task (a column, or a range of a column's values) that may fail with an I/O error. */
    interface ColumnTask {
        /**
         * Runs the task.
         *
         * @param c the task's number
         * @throws IOException if reading fails
         */
        void run(int c) throws IOException;
    }

    /**
     * One pass over the file.
     *
     * @param columns selected column indices
     * @param feeds creates a feed for each worker thread (parallel), or null
     * @param ordered the feed called in file order on the reading thread, or null
     * @param log receives each chunk's first line and kept counts in file order (with an ordered
     *     feed), or null
     * @throws IOException if reading fails
     */
    private void pass(int[] columns, java.util.function.Supplier<Feed> feeds, OrderedFeed ordered,
                      SpilledValues log) throws IOException {
        ThreadLocal<Feed> local = feeds == null ? null : ThreadLocal.withInitial(feeds);
        Queue<CsvValues.Block> free = new ConcurrentLinkedQueue<>();
        parseChunks(columns, free, (chunk, block, counts) -> {
            if (local != null) {
                Feed f = local.get();
                for (int c = 0; c < columns.length; c++) {
                    f.accept(c, block.values[c], counts[c]);
                }
            }
            if (ordered == null) {
                free.add(block);
                return null;
            }
            return new Parsed(chunk.firstLine(), block, counts);
        }, parsed -> {
            if (parsed != null) {
                if (log != null) {
                    log.record(parsed.firstLine, parsed.counts, parsed.block.rows, parsed.block.layout);
                }
                for (int c = 0; c < columns.length; c++) {
                    ordered.accept(c, parsed.block.values[c], parsed.counts[c]);
                }
                free.add(parsed.block);
            }
        });
    }

    /** What a worker does with one parsed chunk: its blocks' finite values and their counts. */
    @FunctionalInterface
    private interface ChunkWork<R> {
        R apply(Chunk chunk, CsvValues.Block block, int[] counts);
    }

    /**
     * Parses every chunk on the worker threads into a block taken from {@code free} (or a new
     * one), moves each column's finite values to its front, stops at an infinite value with its
     * line, and hands the block to {@code work}; the results reach {@code sink} in file order.
     * Blocks are reused once {@code work} or {@code sink} puts them back in {@code free} (at most
     * as many as chunks in flight plus threads exist), so a pass allocates no per-chunk arrays
     * after the first few chunks.
     */
    private <R> void parseChunks(int[] columns, Queue<CsvValues.Block> free, ChunkWork<R> work,
                                 ChunkPipeline.Sink<R> sink) throws IOException {
        try (CsvInput input = CsvInput.open(file, delimiter, ChunkReader.DEFAULT_CHUNK)) {
            CsvValues parser = new CsvValues(input, columns);
            ThreadLocal<RecordCursor> cursors = ThreadLocal.withInitial(() -> new RecordCursor(delimiter));
            int capacity = ChunkReader.DEFAULT_CHUNK / 32;
            ChunkPipeline.run(input, threads, chunk -> {
                CsvValues.Block block = free.poll();
                if (block == null) {
                    block = new CsvValues.Block(columns.length, capacity, false);
                }
                parser.parse(chunk, cursors.get(), block);
                int[] counts = compact(block);
                if (counts == null) {
                    CsvFit.checkFinite(input, chunk, block, parser, cursors.get());
                    throw new IllegalStateException("an infinite value was seen but not found again");
                }
                return work.apply(chunk, block, counts);
            }, sink);
        }
    }

    /** A parsed chunk handed to the ordered feed: values per column and how many are not missing. */
    private record Parsed(long firstLine, CsvValues.Block block, int[] counts) {
    }

    /**
     * Moves the non-NaN values of each column to its front; returns the counts, or null at the
     * first infinite value. That value is then still at its record's index, and every value moved
     * before it is finite, so {@link CsvFit#checkFinite} finds it (and reports its line).
     */
    private static int[] compact(CsvValues.Block block) {
        int[] counts = new int[block.values.length];
        for (int c = 0; c < counts.length; c++) {
            double[] v = block.values[c];
            int k = 0;
            for (int r = 0; r < block.rows; r++) {
                double x = v[r];
                if (x - x == 0) {
                    v[k++] = x;
                } else if (x == x) {
                    return null;
                }
            }
            counts[c] = k;
        }
        return counts;
    }

    /**
     * Exact fits of the selected columns. The first pass parses the CSV file, feeds the first
     * round of every column and copies each column's values to a {@link SpillFile}; the later
     * rounds read the spill files (no parsing), the columns in parallel.
     *
     * @param columns selected column indices
     * @param names their names (for messages)
     * @param options the fitter options
     * @param spillDir where the temporary value files go (deleted before returning, unless kept)
     * @param keep null, or the holder that receives the temporary value files and the first
     *     pass's chunk counts on success (then the caller deletes the files by closing it)
     * @return one distribution per column, equal to the in-memory fit
     * @throws IOException if reading or the temporary files fail
     * @throws CliException naming the column when its values cannot be fitted
     */
    List<LearnedDistribution> exact(int[] columns, List<String> names, LearnedDistribution.Fitter options,
                                    Path spillDir, SpilledValues keep) throws IOException {
        int k = columns.length;
        ExactPlan[] plans = new ExactPlan[k];
        ExactPartial[] merged = new ExactPartial[k];
        for (int c = 0; c < k; c++) {
            plans[c] = ExactPlan.start(options, MAX_COLLECTED, MAX_COUNTERS);
            merged[c] = plans[c].newPartial();
        }
        boolean ordered = options.subsample() > 1;
        List<SpillFile> spills = new ArrayList<>(k);
        if (keep != null) {
            keep.start(names);
        }
        try {
            for (int c = 0; c < k; c++) {
                spills.add(new SpillFile(spillDir));
            }
            Queue<ExactPartial[]> perThread = new ConcurrentLinkedQueue<>();
            pass(columns, ordered ? null : () -> {
                ExactPartial[] mine = newPartials(plans, c -> plans[c].newPartial());
                perThread.add(mine);
                return (c, v, n) -> mine[c].accept(v, 0, n);
            }, (c, v, n) -> {
                if (ordered) {
                    merged[c].accept(v, 0, n);
                }
                spills.get(c).write(v, n);
            }, keep);
            for (ExactPartial[] p : perThread) {
                for (int c = 0; c < k; c++) {
                    merged[c].merge(p[c]);
                }
            }
            for (int c = 0; c < k; c++) {
                plans[c] = advance(plans[c], merged[c], names.get(c));
                spills.get(c).finish();
            }
            // Later rounds, for groups of as many columns as threads (so that at most that many
            // columns hold collected values at once): each column's spill file is cut into as many
            // ranges as threads, so that all threads stay busy even for a last, single column; each
            // range feeds its own partial (told its first index, for subsampling), merged into the
            // column's total.
            int segments = Math.max(1, threads);
            for (int g = 0; g < k; g += segments) {
                int first = g;
                int width = Math.min(segments, k - g);
                while (true) {
                    ExactPartial[] round = new ExactPartial[width];
                    for (int c = 0; c < width; c++) {
                        round[c] = plans[first + c].isComplete() ? null : plans[first + c].newPartial();
                    }
                    if (allNull(round)) {
                        break;
                    }
                    forEach(width * segments, threads, t -> {
                        int c = t / segments;
                        if (round[c] == null) {
                            return;
                        }
                        SpillFile spill = spills.get(first + c);
                        long from = spill.count() * (t % segments) / segments;
                        long to = spill.count() * (t % segments + 1) / segments;
                        ExactPartial p = plans[first + c].newPartial(from);
                        spill.read(from, to, (v, n) -> p.accept(v, 0, n));
                        synchronized (round[c]) {
                            round[c].merge(p);
                        }
                    });
                    forEach(width, threads, c -> {
                        if (round[c] != null) {
                            plans[first + c] = advance(plans[first + c], round[c], names.get(first + c));
                        }
                    });
                }
            }
            if (keep != null) {
                keep.adopt(spills);
                spills.clear();
            }
        } finally {
            for (SpillFile s : spills) {
                s.close();
            }
        }
        List<LearnedDistribution> out = new ArrayList<>(k);
        for (ExactPlan p : plans) {
            out.add(p.result());
        }
        return out;
    }

    /** Runs tasks 0 … k − 1 on up to {@code threads} threads; the first failure is rethrown. */
    private static void forEach(int k, int threads, ColumnTask task) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(k, threads)));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                int column = c;
                futures.add(pool.submit(() -> {
                    task.run(column);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                ChunkPipeline.join(f, "");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private ExactPlan advance(ExactPlan plan, ExactPartial partial, String name) {
        try {
            return plan.next(partial);
        } catch (IllegalArgumentException e) {
            throw CliException.data(file, 0, name, "cannot fit: " + e.getMessage());
        }
    }

    private static ExactPartial[] newPartials(ExactPlan[] plans, IntFunction<ExactPartial> make) {
        ExactPartial[] p = new ExactPartial[plans.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = plans[c].isComplete() ? null : make.apply(c);
        }
        return p;
    }

    private static boolean allNull(Object[] xs) {
        for (Object x : xs) {
            if (x != null) {
                return false;
            }
        }
        return true;
    }


    /**
     * Approximate one-pass fits from KLL sketches.
     *
     * @param columns selected column indices
     * @param names their names (for messages)
     * @param options the fitter options (bins, bounds, ties; not subsampling)
     * @param rankError the normalized rank error of the sketches
     * @return one distribution per column
     * @throws IOException if reading fails
     * @throws CliException naming the column when its values cannot be fitted
     */
    List<LearnedDistribution> sketch(int[] columns, List<String> names, LearnedDistribution.Fitter options,
                                     double rankError) throws IOException {
        int k = columns.length;
        // One sketch per chunk and column, merged into the totals in file order: chunk boundaries
        // depend on the file alone, so the model is the same for any number of threads.
        SketchFit[] totals = new SketchFit[k];
        for (int c = 0; c < k; c++) {
            totals[c] = SketchFit.withRankError(rankError);
        }
        Queue<CsvValues.Block> free = new ConcurrentLinkedQueue<>();
        parseChunks(columns, free, (chunk, block, counts) -> {
            SketchFit[] mine = new SketchFit[k];
            for (int c = 0; c < k; c++) {
                mine[c] = SketchFit.withRankError(rankError).update(block.values[c], 0, counts[c]);
            }
            free.add(block);
            return mine;
        }, mine -> {
            for (int c = 0; c < k; c++) {
                totals[c].merge(mine[c]);
            }
        });
        List<LearnedDistribution> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            try {
                out.add(totals[c].fit(options));
            } catch (IllegalArgumentException e) {
                throw CliException.data(file, 0, names.get(c), "cannot fit: " + e.getMessage());
            }
        }
        return out;
    }
}
