package io.redistributor.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.TiePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedistributorParamsTest {

    @Test
    void defaultsAreDocumentedValues() {
        RedistributorEstimator e = new RedistributorEstimator().setInputCols("a", "b");
        assertEquals("normal:0,1", e.getTarget());
        assertEquals(5000, e.getNumBins());
        assertEquals(0.0, e.getRelativeError());
        assertEquals(TiePolicy.MIDPOINT, e.getTies());
        assertEquals(0L, e.getSeed());
        assertTrue(Double.isNaN(e.getLower()));
        assertTrue(Double.isNaN(e.getUpper()));
        assertEquals("error", e.getHandleInvalid());
        assertArrayEquals(new String[] {"a_redistributed", "b_redistributed"}, e.getOutputCols());
    }

    @Test
    void everyParamBelongsToTheInstanceAndIsListed() {
        RedistributorEstimator e = new RedistributorEstimator("redistributor_test");
        assertEquals("redistributor_test", e.uid());
        assertEquals(10, e.params().length);
        for (var p : e.params()) {
            assertEquals("redistributor_test", p.parent());
        }
    }

    @Test
    void validatorsRefuseBadValues() {
        RedistributorEstimator e = new RedistributorEstimator();
        assertThrows(IllegalArgumentException.class, () -> e.setNumBins(2));
        assertThrows(IllegalArgumentException.class, () -> e.setRelativeError(-0.01));
        assertThrows(IllegalArgumentException.class, () -> e.setRelativeError(0.5));
        assertThrows(IllegalArgumentException.class, () -> e.setTarget("normal:0,-1"));
        assertThrows(IllegalArgumentException.class, () -> e.setTarget("nosuchfamily"));
        assertThrows(IllegalArgumentException.class, () -> e.setTarget("column:"));
        assertThrows(IllegalArgumentException.class, () -> e.setTies("random"));
        assertThrows(IllegalArgumentException.class, () -> e.setHandleInvalid("drop"));
        assertThrows(IllegalArgumentException.class, () -> e.setInputCols());
        assertThrows(IllegalArgumentException.class, () -> e.setInputCols("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> e.setLower(Double.NEGATIVE_INFINITY));
        e.setTarget("column:ref").setTarget("uniform:-1,1").setLower(Double.NaN);
        assertEquals("uniform:-1,1", e.getTarget());
    }

    @Test
    void copyKeepsUidAndParamsAndAppliesExtras() {
        RedistributorEstimator e = new RedistributorEstimator().setInputCols("x").setNumBins(100);
        RedistributorEstimator c = e.copy(new ParamMap().put(e.numBins().w(50)));
        assertNotSame(e, c);
        assertEquals(e.uid(), c.uid());
        assertArrayEquals(new String[] {"x"}, c.getInputCols());
        assertEquals(50, c.getNumBins());
        assertEquals(100, e.getNumBins());
    }

    @Test
    void transformSchemaAddsDoubleOutputsAndNamesBadColumns() {
        StructType schema = new StructType().add("x", DataTypes.IntegerType).add("s", DataTypes.StringType)
            .add("y", DataTypes.DoubleType);
        RedistributorEstimator e = new RedistributorEstimator().setInputCols("x", "y").setOutputCols("u", "v");
        StructType out = e.transformSchema(schema);
        assertEquals(DataTypes.DoubleType, out.apply("u").dataType());
        assertEquals(DataTypes.DoubleType, out.apply("v").dataType());
        assertEquals(5, out.size());

        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
            () -> e.setInputCols("x", "s").transformSchema(schema));
        assertTrue(wrongType.getMessage().contains("'s'") && wrongType.getMessage().contains("string"),
            wrongType.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> e.setInputCols("x", "nope").transformSchema(schema));
        assertTrue(missing.getMessage().contains("'nope'") && missing.getMessage().contains("does not exist"),
            missing.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
            () -> e.setInputCols("x").transformSchema(schema));
        assertTrue(count.getMessage().contains("outputCols"), count.getMessage());
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
            () -> e.setInputCols("x", "y").setOutputCols("y", "v").transformSchema(schema));
        assertTrue(taken.getMessage().contains("already exists"), taken.getMessage());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
            () -> e.setOutputCols("u", "v").setTarget("column:s").transformSchema(schema));
        assertTrue(target.getMessage().startsWith("target:"), target.getMessage());
    }

    @Test
    void estimatorSaveOverwriteLoadKeepsUidAndParams(@TempDir Path dir) throws Exception {
        SparkTestSession.get();
        RedistributorEstimator e = new RedistributorEstimator().setInputCols("x", "y").setTarget("column:ref")
            .setNumBins(64).setRelativeError(0.01).setTies("jitter").setSeed(42).setLower(-5)
            .setHandleInvalid("keep");
        String path = dir.resolve("estimator").toString();
        e.write().save(path);
        assertThrows(java.io.IOException.class, () -> e.write().save(path));
        e.setNumBins(65);
        e.write().overwrite().save(path);
        RedistributorEstimator l = RedistributorEstimator.load(path);
        assertEquals(e.uid(), l.uid());
        assertArrayEquals(e.getInputCols(), l.getInputCols());
        assertEquals("column:ref", l.getTarget());
        assertEquals(65, l.getNumBins());
        assertEquals(0.01, l.getRelativeError());
        assertEquals(TiePolicy.JITTER, l.getTies());
        assertEquals(42L, l.getSeed());
        assertEquals(-5.0, l.getLower());
        assertTrue(Double.isNaN(l.getUpper()));
        assertEquals("keep", l.getHandleInvalid());
        assertTrue(Files.isDirectory(dir.resolve("estimator").resolve("metadata")));
    }
}
