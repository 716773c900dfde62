package io.redistributor.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redistributor.Redistributor;
import io.redistributor.io.ModelIO;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java examples of docs/spark.md, run as written (on small data). */
class DocsExampleTest {

    @Test
    void javaExampleRuns(@TempDir Path dir) throws Exception {
        Random rnd = new Random(3);
        Double[] income = new Double[300];
        Double[] age = new Double[300];
        for (int i = 0; i < income.length; i++) {
            income[i] = Math.exp(10 + rnd.nextGaussian());
            age[i] = (double) (18 + rnd.nextInt(70));
        }
        Dataset<Row> df = SparkTestSession.doubles(new String[] {"income", "age"}, 2, income, age);

        RedistributorEstimator estimator = new RedistributorEstimator()
            .setInputCols("income", "age")
            .setOutputCols("income_n", "age_n")
            .setTarget("normal:0,1");
        RedistributorModel model = estimator.fit(df);
        Dataset<Row> out = model.transform(df);
        Dataset<Row> back = model.inverseTransform(out.drop("income", "age"));
        String path = dir.resolve("income").toString();
        model.write().overwrite().save(path);
        RedistributorModel same = RedistributorModel.load(path);

        assertEquals(List.of("income_n", "age_n"), List.of(out.columns()).subList(2, 4));
        assertEquals(300, back.count());
        assertEquals(model.uid(), same.uid());

        String json = SparkModelFiles.exportJson(model);
        io.redistributor.io.RedistributorModel core = ModelIO.fromJson(json);
        RedistributorModel spark = SparkModelFiles.importJson(json);
        Redistributor redistributor = core.get("age");
        RedistributorModel wrapped = RedistributorModel.of(Map.of("x", redistributor));
        assertEquals(List.of("income", "age"), core.columnNames());
        assertEquals(model.redistributors().get(0).source(), spark.redistributors().get(0).source());
        assertEquals(redistributor.source(), wrapped.redistributors().get(0).source());
    }
}
