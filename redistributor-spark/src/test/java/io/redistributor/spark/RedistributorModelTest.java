package io.redistributor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
}
