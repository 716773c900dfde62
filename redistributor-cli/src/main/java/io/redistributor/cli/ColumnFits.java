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
import java.util.function.IntFunction;

/**
 * Fits the selected columns of a CSV file with the stream module, reading the file as many times
 * as the fit needs and never holding more than the fit's bounded state:
 * <ul>
 *   <li>{@link #exact}: {@link ExactPlan} rounds, one pass over the file per round for all
 *       columns at once; the result equals the in-memory fit of each column.</li>
 *   <li>{@link #sketch}: one pass into {@link SketchFit} KLL sketches with a stated rank error.</li>
 * </ul>
 * Parsing runs on worker threads; each worker feeds its own partial (or sketch), and the
 * partials are merged after the pass, except with subsampling, where values must be seen in file
 * order and are fed on the reading thread. Missing cells are skipped; an infinite value or a
 * non-numeric cell stops the fit with its file, line and column.
 */
final class ColumnFits {
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

    /**
     * One pass over the file.
     *
     * @param columns selected column indices
     * @param feeds creates a feed for each worker thread (parallel), or null to use {@code ordered}
     * @param ordered the feed called in file order on the reading thread, when feeds is null
     * @throws IOException if reading fails
     */
    private void pass(int[] columns, java.util.function.Supplier<Feed> feeds, Feed ordered) throws IOException {
        try (CsvInput input = CsvInput.open(file, delimiter, ChunkReader.DEFAULT_CHUNK)) {
            CsvValues parser = new CsvValues(input, columns);
            ThreadLocal<RecordCursor> cursors = ThreadLocal.withInitial(() -> new RecordCursor(delimiter));
            ThreadLocal<Feed> local = feeds == null ? null : ThreadLocal.withInitial(feeds);
            ChunkPipeline.run(input, threads, chunk -> {
                CsvValues.Block block = parser.parse(chunk, cursors.get());
                CsvFit.checkFinite(input, chunk, block, parser, cursors.get());
                int[] counts = compact(block);
                if (local != null) {
                    Feed f = local.get();
                    for (int c = 0; c < columns.length; c++) {
                        f.accept(c, block.values[c], counts[c]);
                    }
                    return null;
                }
                block.rows = 0;
                return new Object[] {block, counts};
            }, result -> {
                if (result != null) {
                    Object[] r = (Object[]) result;
                    CsvValues.Block block = (CsvValues.Block) r[0];
                    int[] counts = (int[]) r[1];
                    for (int c = 0; c < columns.length; c++) {
                        ordered.accept(c, block.values[c], counts[c]);
                    }
                }
            });
        }
    }

    /** Moves the non-NaN values of each column to its front; returns the counts. */
    private static int[] compact(CsvValues.Block block) {
        int[] counts = new int[block.values.length];
        for (int c = 0; c < counts.length; c++) {
            double[] v = block.values[c];
            int k = 0;
            for (int r = 0; r < block.rows; r++) {
                double x = v[r];
                if (x == x) {
                    v[k++] = x;
                }
            }
            counts[c] = k;
        }
        return counts;
    }

    /**
     * Exact fits of the selected columns.
     *
     * @param columns selected column indices
     * @param names their names (for messages)
     * @param options the fitter options
     * @return one distribution per column, equal to the in-memory fit
     * @throws IOException if reading fails
     * @throws CliException naming the column when its values cannot be fitted
     */
    List<LearnedDistribution> exact(int[] columns, List<String> names, LearnedDistribution.Fitter options)
        throws IOException {
        int k = columns.length;
        ExactPlan[] plans = new ExactPlan[k];
        for (int c = 0; c < k; c++) {
            plans[c] = ExactPlan.start(options);
        }
        boolean ordered = options.subsample() > 1;
        while (!allComplete(plans)) {
            ExactPartial[] merged = new ExactPartial[k];
            for (int c = 0; c < k; c++) {
                merged[c] = plans[c].isComplete() ? null : plans[c].newPartial();
            }
            if (ordered) {
                pass(columns, null, (c, v, n) -> {
                    if (merged[c] != null) {
                        merged[c].accept(v, 0, n);
                    }
                });
            } else {
                Queue<ExactPartial[]> perThread = new ConcurrentLinkedQueue<>();
                pass(columns, () -> {
                    ExactPartial[] mine = newPartials(plans, c -> plans[c].newPartial());
                    perThread.add(mine);
                    return (c, v, n) -> {
                        if (mine[c] != null) {
                            mine[c].accept(v, 0, n);
                        }
                    };
                }, null);
                for (ExactPartial[] p : perThread) {
                    for (int c = 0; c < k; c++) {
                        if (merged[c] != null) {
                            merged[c].merge(p[c]);
                        }
                    }
                }
            }
            for (int c = 0; c < k; c++) {
                if (merged[c] != null) {
                    try {
                        plans[c] = plans[c].next(merged[c]);
                    } catch (IllegalArgumentException e) {
                        throw CliException.data(file, 0, names.get(c), "cannot fit: " + e.getMessage());
                    }
                }
            }
        }
        List<LearnedDistribution> out = new ArrayList<>(k);
        for (ExactPlan p : plans) {
            out.add(p.result());
        }
        return out;
    }

    private static ExactPartial[] newPartials(ExactPlan[] plans, IntFunction<ExactPartial> make) {
        ExactPartial[] p = new ExactPartial[plans.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = plans[c].isComplete() ? null : make.apply(c);
        }
        return p;
    }

    private static boolean allComplete(ExactPlan[] plans) {
        for (ExactPlan p : plans) {
            if (!p.isComplete()) {
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
        Queue<SketchFit[]> perThread = new ConcurrentLinkedQueue<>();
        pass(columns, () -> {
            SketchFit[] mine = new SketchFit[k];
            for (int c = 0; c < k; c++) {
                mine[c] = SketchFit.withRankError(rankError);
            }
            perThread.add(mine);
            return (c, v, n) -> mine[c].update(v, 0, n);
        }, null);
        List<LearnedDistribution> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            SketchFit all = SketchFit.withRankError(rankError);
            for (SketchFit[] s : perThread) {
                all.merge(s[c]);
            }
            try {
                out.add(all.fit(options));
            } catch (IllegalArgumentException e) {
                throw CliException.data(file, 0, names.get(c), "cannot fit: " + e.getMessage());
            }
        }
        return out;
    }
}
