package io.redistributor.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import io.redistributor.io.ModelIO;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading models and pipelines, and exchange with the core's JSON model format. */
class PersistenceTest {
    private static Dataset<Row> df;
    private static double[] a;
    private static double[] b;

    @BeforeAll
    static void data() {
        Random rnd = new Random(11);
        a = new double[500];
        b = new double[500];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
            b[i] = Math.exp(rnd.nextGaussian());
        }
        df = SparkTestSession.doubles(new String[] {"a", "b"}, 2, SparkTestSession.boxed(a), SparkTestSession.boxed(b));
    }

    private static void assertSameOutputs(Dataset<Row> x, Dataset<Row> y, String... columns) {
        List<Row> rx = x.orderBy("a").collectAsList();
        List<Row> ry = y.orderBy("a").collectAsList();
        assertEquals(rx.size(), ry.size());
        for (int i = 0; i < rx.size(); i++) {
            for (String c : columns) {
                // A saved model must reproduce its outputs bit for bit.
                assertEquals(rx.get(i).getDouble(rx.get(i).fieldIndex(c)), ry.get(i).getDouble(ry.get(i).fieldIndex(c)),
                    0.0);
            }
        }
    }

    @Test
    void modelSaveOverwriteLoadRoundTrip(@TempDir Path dir) throws IOException {
        RedistributorModel m = new RedistributorEstimator().setInputCols("a", "b").setOutputCols("x", "y")
            .setTarget("uniform:0,1").setNumBins(100).setHandleInvalid("keep").fit(df);
        String path = dir.resolve("model").toString();
        m.write().save(path);
        assertThrows(IOException.class, () -> m.write().save(path));
        m.write().overwrite().save(path);
        RedistributorModel l = RedistributorModel.load(path);
        assertEquals(m.uid(), l.uid());
        assertArrayEquals(new String[] {"a", "b"}, l.getInputCols());
        assertArrayEquals(new String[] {"x", "y"}, l.getOutputCols());
        assertEquals("keep", l.getHandleInvalid());
        assertEquals(100, l.getNumBins());
        assertEquals(m.redistributors().get(0).source(), l.redistributors().get(0).source());
        assertEquals(m.redistributors().get(1).target(), l.redistributors().get(1).target());
        assertSameOutputs(m.transform(df), l.transform(df), "x", "y");
    }

    @Test
    void pipelineAndPipelineModelSaveAndLoad(@TempDir Path dir) throws IOException {
        RedistributorEstimator e = new RedistributorEstimator().setInputCols("a", "b").setNumBins(50);
        Pipeline p = new Pipeline().setStages(new PipelineStage[] {e});
        String pPath = dir.resolve("pipeline").toString();
        p.write().overwrite().save(pPath);
        Pipeline lp = Pipeline.load(pPath);
        assertEquals(e.uid(), lp.getStages()[0].uid());
        assertEquals(50, ((RedistributorEstimator) lp.getStages()[0]).getNumBins());

        PipelineModel pm = p.fit(df);
        String mPath = dir.resolve("pipeline-model").toString();
        pm.write().save(mPath);
        pm.write().overwrite().save(mPath);
        PipelineModel lpm = PipelineModel.load(mPath);
        assertTrue(lpm.stages()[0] instanceof RedistributorModel);
        assertSameOutputs(pm.transform(df), lpm.transform(df), "a_redistributed", "b_redistributed");
    }

    @Test
    void exportedJsonIsTheCoreModelFormat() throws IOException {
        RedistributorModel m = new RedistributorEstimator().setInputCols("a", "b").fit(df);
        io.redistributor.io.RedistributorModel core = ModelIO.fromJson(SparkModelFiles.exportJson(m));
        assertEquals(List.of("a", "b"), core.columnNames());
        assertEquals(LearnedDistribution.fit(b), core.get("b").source());
        assertEquals(ParametricDistribution.standardNormal(), core.get("b").target());
    }

    @Test
    void coreModelLoadsAsSparkModel() {
        Redistributor ra = Redistributor.of(LearnedDistribution.fit(a), ParametricDistribution.uniform(0, 1));
        Redistributor rb = Redistributor.of(LearnedDistribution.fit(b), ParametricDistribution.exponential(2));
        String json = ModelIO.toJson(io.redistributor.io.RedistributorModel.builder().add("a", ra).add("b", rb).build());
        RedistributorModel m = SparkModelFiles.importJson(json);
        assertArrayEquals(new String[] {"a", "b"}, m.getInputCols());
        for (Row row : m.transform(df).collectAsList()) {
            assertEquals(ra.transform(row.getDouble(0)), row.getDouble(2), 0.0);
            assertEquals(rb.transform(row.getDouble(1)), row.getDouble(3), 0.0);
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
            () -> SparkModelFiles.importJson("{\"format\": 3}"));
        assertTrue(bad.getMessage().startsWith("not a Redistributor model"), bad.getMessage());
    }
}
