package io.redistributor.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One local[2] SparkSession shared by every test class of the module, plus small data helpers. */
final class SparkTestSession {
    private static SparkSession session;

    private SparkTestSession() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                .master("local[2]")
                .appName("redistributor-spark-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    /**
     * A DataFrame of double columns (null entries stay null) split into the given partitions.
     *
     * @param names column names
     * @param partitions number of partitions
     * @param columns one array per column, all of the same length
     * @return the DataFrame
     */
    static Dataset<Row> doubles(String[] names, int partitions, Double[]... columns) {
        StructType schema = new StructType();
        for (String n : names) {
            schema = schema.add(n, DataTypes.DoubleType, true);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < columns[0].length; i++) {
            Object[] values = new Object[columns.length];
            for (int j = 0; j < columns.length; j++) {
                values[j] = columns[j][i];
            }
            rows.add(RowFactory.create(values));
        }
        return get().createDataFrame(rows, schema).repartition(partitions);
    }

    static Double[] boxed(double[] x) {
        Double[] b = new Double[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = x[i];
        }
        return b;
    }
}
