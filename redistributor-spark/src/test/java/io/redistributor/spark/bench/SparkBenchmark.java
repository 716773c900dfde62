package io.redistributor.spark.bench;

import io.redistributor.spark.RedistributorEstimator;
import io.redistributor.spark.RedistributorModel;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Measures, on local[2], the exact distributed fit against Spark's own
 * {@code approxQuantile(relativeError = 1e-3)} for the same 5000 probabilities, and the transform
 * against Spark's {@code StandardScaler} on the same columns. Not a unit test; run it as
 * docs/spark.md ("Measuring") shows.
 *
 * <p>Arguments: rows (default 10,000,000), columns (default 1), repetitions (default 3), bins
 * (default 5000), what to measure: {@code all} (default), {@code fit} or {@code transform}, and
 * the target spec (default {@code normal:0,1}). The data (seeded normal and lognormal columns) is cached and counted before
 * any timing; each figure is the median of the repetitions.
 */
public final class SparkBenchmark {
    private SparkBenchmark() {
    }

    /**
     * Runs the comparison and prints one line per measurement.
     *
     * @param args rows, columns, repetitions, bins
     */
    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int columns = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int bins = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        String what = args.length > 4 ? args[4] : "all";
        String target = args.length > 5 ? args[5] : "normal:0,1";
        SparkSession spark = SparkSession.builder().master("local[2]").appName("redistributor-bench")
            .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
            .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            String[] names = new String[columns];
            Column[] cols = new Column[columns];
            for (int j = 0; j < columns; j++) {
                names[j] = "c" + j;
                Column g = functions.randn(1000L + j);
                cols[j] = (j % 2 == 0 ? g : functions.exp(g)).as(names[j]);
            }
            Dataset<Row> df = spark.range(0, rows, 1, 8).select(cols).cache();
            df.count();
            double[] probabilities = new double[bins];
            for (int i = 0; i < bins; i++) {
                probabilities[i] = (double) i / (bins - 1);
            }
            System.out.printf(Locale.ROOT, "rows=%d columns=%d bins=%d repetitions=%d partitions=%d%n", rows, columns,
                bins, reps, df.javaRDD().getNumPartitions());

            RedistributorEstimator estimator = new RedistributorEstimator().setInputCols(names).setNumBins(bins)
                .setTarget(target);
            if (!"transform".equals(what)) {
                double fit = median("exact fit", reps, () -> estimator.fit(df));
                double approx = median("approxQuantile", reps, () -> df.stat().approxQuantile(names, probabilities, 1e-3));
                System.out.printf(Locale.ROOT, "exact fit: %.2f s; approxQuantile(1e-3): %.2f s; ratio %.2f%n", fit,
                    approx, fit / approx);
            }
            if ("fit".equals(what)) {
                return;
            }
            RedistributorModel model = estimator.fit(df);
            Dataset<Row> assembled = new VectorAssembler().setInputCols(names).setOutputCol("features")
                .transform(df).select("features").cache();
            assembled.count();
            StandardScalerModel scaler = new StandardScaler().setInputCol("features").setOutputCol("scaled")
                .setWithMean(true).fit(assembled);
            Column[] outputs = Arrays.stream(model.getOutputCols()).map(functions::col).toArray(Column[]::new);
            double ours = median("transform", reps, () -> {
                model.transform(df).select(outputs).write().format("noop").mode("overwrite").save();
                return null;
            });
            double theirs = median("StandardScaler on cached vectors", reps, () -> {
                scaler.transform(assembled).select("scaled").write().format("noop").mode("overwrite").save();
                return null;
            });
            VectorAssembler assembler = new VectorAssembler().setInputCols(names).setOutputCol("features");
            double assembledToo = median("VectorAssembler + StandardScaler", reps, () -> {
                scaler.transform(assembler.transform(df)).select("scaled").write().format("noop").mode("overwrite")
                    .save();
                return null;
            });
            System.out.printf(Locale.ROOT, "transform: %.2f s; StandardScaler on cached vectors: %.2f s (ratio %.2f);"
                + " VectorAssembler + StandardScaler from the columns: %.2f s (ratio %.2f)%n", ours, theirs,
                ours / theirs, assembledToo, ours / assembledToo);
        } finally {
            spark.stop();
        }
    }

    /** Median wall seconds of the repetitions; prints each repetition's wall and process CPU seconds. */
    private static double median(String label, int reps, Supplier<Object> work) {
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            work.get();
            t[i] = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "  %s, run %d: %.2f s wall, %.2f s CPU, load average %.1f%n", label, i + 1, t[i],
                (os.getProcessCpuTime() - cpu) / 1e9, os.getSystemLoadAverage());
        }
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        return sorted[reps / 2];
    }
}
