package io.redistributor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.Distribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving to and loading from files, streams and writers. */
class ModelFileTest {

    @TempDir
    Path dir;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every column of a read-back model transforms a grid of inputs bit for bit as the original. */
    static void assertSameTransforms(RedistributorModel expected, RedistributorModel actual) {
        assertEquals(expected.columnNames(), actual.columnNames());
        double[] x = new double[2001];
        for (int i = 0; i < x.length; i++) {
            x[i] = -100 + 0.1 * i;
        }
        for (Map.Entry<String, Redistributor> e : expected.columns().entrySet()) {
            Redistributor a = actual.get(e.getKey());
            assertEquals(e.getValue().source(), a.source(), e.getKey());
            assertEquals(e.getValue().target(), a.target(), e.getKey());
            assertArrayEquals(e.getValue().transform(x), a.transform(x), e.getKey());
        }
    }

    @Test
    void writeThenReadAFile() throws IOException {
        RedistributorModel m = GoldenModels.columns();
        Path file = dir.resolve("model.json");
        ModelIO.write(m, file);
        assertEquals(List.of("model.json"), names(dir), "no temporary file is left behind");
        RedistributorModel back = ModelIO.read(file);
        assertSameTransforms(m, back);
        assertEquals(m.creation(), back.creation());
        assertEquals(m.properties(), back.properties());
        assertEquals(m.libraryVersion(), back.libraryVersion());
        assertTrue(Files.readString(file).endsWith("}\n"));
    }

    @Test
    void kernelDensityModelsRoundTripExactly() throws IOException {
        Path file = dir.resolve("kde.json");
        ModelIO.write(GoldenModels.kde(), file);
        assertSameTransforms(GoldenModels.kde(), ModelIO.read(file));
    }

    @Test
    void writingReplacesAnExistingFile() throws IOException {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "old content");
        ModelIO.write(GoldenModels.single(), file);
        assertSameTransforms(GoldenModels.single(), ModelIO.read(file));
        assertEquals(List.of("model.json"), names(dir));
    }

    @Test
    void aFailedWriteLeavesTheDestinationUnchanged() throws IOException {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "old content");
        Distribution custom = new Distribution() {
            @Override
            public double cdf(double x) {
                return 0.5;
            }

            @Override
            public double quantile(double p) {
                return 0;
            }

            @Override
            public double density(double x) {
                return 0;
            }

            @Override
            public double supportLower() {
                return 0;
            }

            @Override
            public double supportUpper() {
                return 1;
            }
        };
        RedistributorModel m = RedistributorModel.builder()
            .add("odd", Redistributor.of(custom, ParametricDistribution.standardNormal())).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelIO.write(m, file));
        assertTrue(e.getMessage().contains("source of column 'odd'"), e.getMessage());
        assertEquals("old content", Files.readString(file));
        assertEquals(List.of("model.json"), names(dir));
    }

    @Test
    void writingIntoAMissingDirectoryFails() {
        Path file = dir.resolve("missing").resolve("model.json");
        assertThrows(NoSuchFileException.class, () -> ModelIO.write(GoldenModels.single(), file));
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    void writingOverADirectoryFailsAndCleansUp() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("model.json"));
        Files.writeString(sub.resolve("keep"), "x");
        assertThrows(IOException.class, () -> ModelIO.write(GoldenModels.single(), sub));
        assertEquals(List.of("model.json"), names(dir));
        assertEquals("x", Files.readString(sub.resolve("keep")));
    }

    @Test
    void missingFileIsAPlainIoError() {
        IOException e = assertThrows(IOException.class, () -> ModelIO.read(dir.resolve("nothing.json")));
        assertFalse(e instanceof ModelFormatException);
    }

    @Test
    void singleTransformConvenience() throws IOException {
        Redistributor r = GoldenModels.single().only();
        Path file = dir.resolve("one.json");
        ModelIO.write(r, file);
        Redistributor back = ModelIO.readTransform(file);
        assertEquals(r.source(), back.source());
        assertEquals(r.target(), back.target());
        Path two = dir.resolve("two.json");
        ModelIO.write(GoldenModels.columns(), two);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.readTransform(two));
        assertEquals("columns", e.jsonPath());
        assertThrows(IllegalStateException.class, () -> GoldenModels.columns().only());
    }

    @Test
    void streamsAndWritersAreNotClosed() throws IOException {
        RedistributorModel m = GoldenModels.columns();
        boolean[] closed = {false, false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ModelIO.write(m, bytes);
        StringWriter chars = new StringWriter() {
            @Override
            public void close() {
                closed[1] = true;
            }
        };
        ModelIO.write(m, chars);
        assertFalse(closed[0] || closed[1]);
        assertEquals(ModelIO.toJson(m), bytes.toString(StandardCharsets.UTF_8));
        assertEquals(ModelIO.toJson(m), chars.toString());
        assertSameTransforms(m, ModelIO.read(new ByteArrayInputStream(bytes.toByteArray())));
        assertSameTransforms(m, ModelIO.read(new StringReader(chars.toString())));
    }

    @Test
    void builderRejectsBadColumns() {
        Redistributor r = GoldenModels.single().only();
        RedistributorModel.Builder b = RedistributorModel.builder().add("a", r);
        assertThrows(IllegalArgumentException.class, () -> b.add("a", r));
        assertThrows(IllegalArgumentException.class, () -> b.add("", r));
        assertThrows(IllegalArgumentException.class, () -> b.add("b", null));
        assertThrows(IllegalStateException.class, () -> RedistributorModel.builder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.build().get("zz"));
        assertTrue(e.getMessage().contains("zz") && e.getMessage().contains("[a]"), e.getMessage());
    }
}
