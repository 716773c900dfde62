package io.redistributor.spark;

import io.redistributor.LearnedDistribution;
import io.redistributor.stream.ExactPartial;
import io.redistributor.stream.ExactPlan;
import io.redistributor.stream.SketchFit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import scala.Tuple2;

/**
 * Fits the learned distributions of several columns on the executors with the core's mergeable
 * partial fits. Spark only moves data: each pass is one {@code mapPartitions} that feeds a
 * partition's values to one partial per column, followed by a merge of the
 * partials (a {@code treeReduce} for the exact, order-free partials); the driver turns the merged partials into the next round.
 *
 * <ul>
 *   <li>Exact ({@code relativeError = 0}): {@link ExactPlan} rounds, typically 3 or 4 passes; the
 *       lattice equals {@link LearnedDistribution.Fitter#fit(double[])} of the column's valid
 *       values.</li>
 *   <li>Approximate: one pass of {@link SketchFit} KLL sketches whose rank error is at most
 *       {@code relativeError}, merged in an order fixed by the partitioning (not by task
 *       completion), so the same partitioned data gives the same model on every run and for any
 *       number of executor threads.</li>
 * </ul>
 *
 * <p>Memory: a partial holds at most {@value #COUNTERS_PER_BIN} × bins histogram cells (at
 * least 2<sup>16</sup>) of one int each, and two longs per bracket, while counting, and the
 * collecting round brings at most {@value #BUFFERED_PER_BIN} × bins values per column to the
 * driver; both are O(bins × columns).
 */
final class SparkFit {
    /** Histogram cells per lattice point in counting rounds. */
    static final int COUNTERS_PER_BIN = 64;
    /** Values per lattice point that the last round may collect. */
    static final int BUFFERED_PER_BIN = 256;
    private static final int MIN_COUNTERS = 1 << 16;

    private final LearnedDistribution.Fitter options;
    private final int numBins;
    private final double relativeError;
    private final int policy;

    /**
     * @param options bounds, ties and seed (bins are set here)
     * @param numBins the most lattice points; lowered to n for a smaller column
     * @param relativeError 0 for exact, else the sketch rank error
     * @param handleInvalid error, skip or keep
     */
    SparkFit(LearnedDistribution.Fitter options, int numBins, double relativeError, String handleInvalid) {
        this.options = options;
        this.numBins = numBins;
        this.relativeError = relativeError;
        this.policy = ColumnScan.policy(handleInvalid);
    }

    /**
     * Fits each column of the data.
     *
     * @param data the data
     * @param columns numeric columns
     * @return one distribution per column
     * @throws IllegalArgumentException naming the column, if a column holds invalid values under
     *     the error policy, too few valid values, or values the options refuse
     */
    LearnedDistribution[] fitColumns(Dataset<Row> data, String[] columns) {
        Column[] cast = new Column[columns.length];
        for (int i = 0; i < columns.length; i++) {
            cast[i] = data.col(columns[i]).cast(DataTypes.DoubleType);
        }
        JavaRDD<InternalRow> rows = data.select(cast).queryExecution().toRdd().toJavaRDD();
        if (rows.getNumPartitions() == 0) {
            throw new IllegalArgumentException("the data has no rows; at least 3 valid values per column are needed");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        return relativeError > 0 ? sketch(rows, columns) : exact(sc, rows, columns);
    }

    private LearnedDistribution[] exact(JavaSparkContext sc, JavaRDD<InternalRow> rows, String[] columns) {
        int m = columns.length;
        int binsOption = numBins == LearnedDistribution.DEFAULT_MAX_BINS ? 0 : numBins;
        ExactPlan[] plans = new ExactPlan[m];
        for (int j = 0; j < m; j++) {
            plans[j] = start(binsOption);
        }
        boolean[] restarted = new boolean[m];
        LearnedDistribution[] result = new LearnedDistribution[m];
        while (Arrays.stream(plans).anyMatch(p -> p != null)) {
            Broadcast<ExactPlan[]> shipped = sc.broadcast(plans);
            ExactPartial[] merged = rows.mapPartitions(new ColumnScan.ExactRound(shipped, columns, policy))
                .treeReduce(SparkFit::mergeExact);
            shipped.destroy();
            for (int j = 0; j < m; j++) {
                if (plans[j] == null) {
                    continue;
                }
                long n = merged[j].keptCount();
                if (plans[j].round() == 0 && binsOption > 0 && n < binsOption && n >= 3 && !restarted[j]) {
                    // Fewer values than numBins: the lattice takes every value, as min(n, numBins).
                    plans[j] = start((int) n);
                    restarted[j] = true;
                    continue;
                }
                plans[j] = next(plans[j], merged[j], columns[j]);
                if (plans[j].isComplete()) {
                    result[j] = plans[j].result();
                    plans[j] = null;
                }
            }
        }
        return result;
    }

    private ExactPlan start(int bins) {
        int counters = (int) Math.max(MIN_COUNTERS, Math.min(1 << 24, (long) COUNTERS_PER_BIN * Math.max(bins,
            LearnedDistribution.DEFAULT_MAX_BINS)));
        int buffered = (int) Math.min(1 << 26, (long) BUFFERED_PER_BIN * Math.max(bins,
            LearnedDistribution.DEFAULT_MAX_BINS));
        return ExactPlan.start(options.withBins(bins), buffered, counters);
    }

    private static ExactPlan next(ExactPlan plan, ExactPartial merged, String column) {
        try {
            return plan.next(merged);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "column '%s': %s", column,
                e.getMessage()), e);
        }
    }

    private static ExactPartial[] mergeExact(ExactPartial[] a, ExactPartial[] b) {
        for (int j = 0; j < a.length; j++) {
            if (a[j] != null) {
                a[j].merge(b[j]);
            }
        }
        return a;
    }

    /**
     * The approximate pass. Partition i's sketches join group i / g, g = ⌈√partitions⌉; each group
     * merges its partitions in index order on an executor, and the driver merges the groups in
     * order. The merge order is fixed by the partitioning alone, so the model does not depend on
     * which task finishes first or on the number of executor threads, and the driver holds at most
     * ⌈√partitions⌉ sketches per column at once.
     */
    private LearnedDistribution[] sketch(JavaRDD<InternalRow> rows, String[] columns) {
        ColumnScan.SketchPass pass = new ColumnScan.SketchPass(columns, policy, relativeError);
        int group = groupSize(rows.getNumPartitions());
        List<Tuple2<Integer, SketchFit[]>> groups = rows
            .mapPartitionsWithIndex((Integer index, Iterator<InternalRow> it) -> Collections.singletonList(
                new Tuple2<>(index / group, new Tuple2<>(index, pass.call(it).next()))).iterator(), true)
            .mapToPair(t -> t)
            .groupByKey()
            .mapValues(SparkFit::mergeInOrder)
            .collect();
        SketchFit[] merged = mergeInOrder(groups);
        LearnedDistribution[] result = new LearnedDistribution[columns.length];
        for (int j = 0; j < columns.length; j++) {
            long n = merged[j].count();
            int bins = (int) Math.max(3, Math.min(numBins, n));
            try {
                result[j] = merged[j].fit(options.withBins(bins));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "column '%s': %s", columns[j],
                    e.getMessage()), e);
            }
        }
        return result;
    }

    /** Partitions per group of the approximate pass: ⌈√partitions⌉, at least 1. */
    static int groupSize(int partitions) {
        return Math.max(1, (int) Math.ceil(Math.sqrt(partitions)));
    }

    /** Merges numbered sketches into the lowest-numbered one, in increasing number. */
    static SketchFit[] mergeInOrder(Iterable<Tuple2<Integer, SketchFit[]>> numbered) {
        List<Tuple2<Integer, SketchFit[]>> list = new ArrayList<>();
        numbered.forEach(list::add);
        list.sort(Comparator.comparing(Tuple2::_1));
        SketchFit[] a = list.get(0)._2();
        for (int i = 1; i < list.size(); i++) {
            SketchFit[] b = list.get(i)._2();
            for (int j = 0; j < a.length; j++) {
                a[j].merge(b[j]);
            }
        }
        return a;
    }
}
