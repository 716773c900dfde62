package io.redistributor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RedistributorModelTest {

    @Test
    void transformMatchesTheCoreRedistributorRowByRow() {
        Random rnd = new Random(7);
        double[] x = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.exp(rnd.nextGaussian());
        }
        Redistributor r = Redistributor.of(LearnedDistribution.fit(x), ParametricDistribution.standardNormal());
        RedistributorModel model = RedistributorModel.of(Map.of("x", r));
        Dataset<Row> df = SparkTestSession.doubles(new String[] {"x"}, 3, SparkTestSession.boxed(x));
        List<Row> rows = model.transform(df).collectAsList();
        assertEquals(x.length, rows.size());
        for (Row row : rows) {
            double in = row.getDouble(0);
            // The executor rebuilds the same lattice, so the value must be bit-identical.
            assertEquals(r.transform(in), row.getDouble(1), 0.0);
        }
    }

    @Test
    void keepPassesNullAndNaNThrough() {
        double[] fitData = {1, 2, 3, 4, 5, 6};
        Redistributor r = Redistributor.of(LearnedDistribution.fit(fitData), ParametricDistribution.standardNormal());
        RedistributorModel model = RedistributorModel.of(Map.of("x", r)).setHandleInvalid("keep");
        Dataset<Row> df = SparkTestSession.doubles(new String[] {"x"}, 1, new Double[] {null, Double.NaN, 2.5});
        List<Row> rows = model.transform(df).collectAsList();
        assertEquals(3, rows.size());
        for (Row row : rows) {
            if (row.isNullAt(0)) {
                assertTrue(row.isNullAt(1));
            } else if (Double.isNaN(row.getDouble(0))) {
                assertTrue(Double.isNaN(row.getDouble(1)));
            } else {
                assertEquals(r.transform(2.5), row.getDouble(1), 0.0);
            }
        }
        assertNull(null);
    }
    @Test
    void mapsEveryNumericTypeInOnePassAndCopiesTheOtherColumns() {
        Random rnd = new Random(11);
        StructType schema = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("i", DataTypes.IntegerType, true)
            .add("d", DataTypes.createDecimalType(10, 3), true)
            .add("x", DataTypes.DoubleType, true);
        int n = 5000; // more than two chunks of RowMapper.CHUNK rows per partition
        List<Row> rows = new ArrayList<>();
        double[] fi = new double[n];
        double[] fd = new double[n];
        double[] fx = new double[n];
        for (int k = 0; k < n; k++) {
            int iv = rnd.nextInt(1000) - 500;
            BigDecimal dv = BigDecimal.valueOf(rnd.nextInt(2_000_000) - 1_000_000, 3);
            double xv = Math.exp(rnd.nextGaussian());
            fi[k] = iv;
            fd[k] = dv.doubleValue();
            fx[k] = xv;
            boolean gap = k % 97 == 0; // nulls in the middle of chunks, a different column each time
            rows.add(RowFactory.create("r" + k, gap && k % 3 == 0 ? null : iv, gap && k % 3 == 1 ? null : dv,
                gap && k % 3 == 2 ? null : (k % 89 == 0 ? Double.NaN : xv)));
        }
        Map<String, Redistributor> columns = new LinkedHashMap<>();
        columns.put("i", Redistributor.of(LearnedDistribution.fit(fi), ParametricDistribution.standardNormal()));
        columns.put("d", Redistributor.of(LearnedDistribution.fit(fd), ParametricDistribution.uniform(0, 1)));
        columns.put("x", Redistributor.of(LearnedDistribution.fit(fx), ParametricDistribution.standardNormal()));
        RedistributorModel model = RedistributorModel.of(columns).setHandleInvalid("keep");
        Dataset<Row> df = SparkTestSession.get().createDataFrame(rows, schema).repartition(2);
        Dataset<Row> out = model.transform(df);
        assertEquals(model.transformSchema(schema), out.schema());
        List<Row> result = out.collectAsList();
        assertEquals(n, result.size());
        for (Row row : result) {
            Row in = rows.get(Integer.parseInt(row.getString(0).substring(1)));
            for (int c = 0; c < 3; c++) {
                assertEquals(in.get(c + 1), row.get(c + 1), "input columns are copied unchanged");
                Object v = in.get(c + 1);
                if (v == null) {
                    assertTrue(row.isNullAt(c + 4));
                } else {
                    // Spark's cast of int and decimal to double is the exact conversion here, and
                    // the bulk transform equals the scalar one bit for bit.
                    double expected = model.redistributors().get(c).transform(((Number) v).doubleValue());
                    assertEquals(expected, row.getDouble(c + 4), 0.0);
                }
            }
        }
    }

    @Test
    void inverseReplacesAnExistingColumnInPlace() {
        double[] fitData = {1, 2, 3, 4, 5, 6, 7, 8};
        Redistributor r = Redistributor.of(LearnedDistribution.fit(fitData), ParametricDistribution.uniform(0, 1));
        RedistributorModel model = RedistributorModel.of(Map.of("x", r)).setOutputCols("z");
        // two rows in three partitions: at least one partition is empty
        Dataset<Row> df = SparkTestSession.doubles(new String[] {"x", "z"}, 3, new Double[] {-1.0, -2.0},
            new Double[] {0.25, 0.75});
        Dataset<Row> back = model.inverseTransform(df);
        assertEquals(List.of("x", "z"), List.of(back.schema().fieldNames()));
        List<Row> rows = back.collectAsList();
        assertEquals(2, rows.size());
        for (Row row : rows) {
            assertEquals(r.inverse(row.getDouble(1)), row.getDouble(0), 0.0);
        }
    }
}
