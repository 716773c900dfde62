package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.Redistributor;
import io.redistributor.io.ModelIO;
import io.redistributor.io.RedistributorModel;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --transform-output}: one run that fits and transforms must write the same model and
 * byte for byte the same CSV as {@code fit} followed by {@code transform} with the saved model
 * (the documented equivalence), on a file of several chunks with quoted text, missing cells,
 * CRLF line ends and a blank line; and it must refuse outputs that clash, leaving nothing behind.
 */
class FitTransformTest {
    @TempDir
    static Path shared;

    static Path data;

    @BeforeAll
    static void generate() throws IOException {
        // About 4 MB: more than one chunk, so the transform runs chunks in parallel.
        SplittableRandom rng = new SplittableRandom(7);
        data = shared.resolve("data.csv");
        try (Writer w = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
            w.write("id,a,note,b\r\n");
            for (int i = 0; i < 70_000; i++) {
                String a = i % 501 == 3 ? "" : Double.toString(rng.nextGaussian() * 3 + 1);
                String b = i % 777 == 1 ? "nan" : Double.toString(Math.exp(rng.nextDouble() * 4));
                String note = i % 5 == 0 ? "\"say, \"\"hi\"\"\"" : "n" + (i % 13);
                w.write(i + "," + a + "," + note + "," + b + (i % 2 == 0 ? "\r\n" : "\n"));
                if (i == 30_000) {
                    w.write("\n");
                }
            }
        }
    }

    @Test
    void writesWhatFitThenTransformWrite(@TempDir Path dir) throws IOException {
        Path model1 = dir.resolve("m1.json");
        Path out1 = dir.resolve("out1.csv");
        Run combined = Run.of("fit", data, "--columns", "b,a", "-o", model1, "--transform-output", out1,
            "--threads", "3");
        assertEquals(0, combined.code(), combined::toString);

        Path model2 = dir.resolve("m2.json");
        Path out2 = dir.resolve("out2.csv");
        Run fit = Run.of("fit", data, "--columns", "b,a", "-o", model2);
        assertEquals(0, fit.code(), fit::toString);
        Run transform = Run.of("transform", data, "--model", model2, "-o", out2);
        assertEquals(0, transform.code(), transform::toString);

        RedistributorModel m1 = ModelIO.read(model1);
        RedistributorModel m2 = ModelIO.read(model2);
        assertEquals(List.of("b", "a"), m1.columnNames());
        for (String c : m2.columnNames()) {
            assertEquals(m2.get(c).source(), m1.get(c).source(), c);
            assertEquals(m2.get(c).target(), m1.get(c).target(), c);
        }
        assertArrayEquals(Files.readAllBytes(out2), Files.readAllBytes(out1));

        // An independent spot check of one row: the cells of the model's columns are its transform.
        List<String> lines = Files.readAllLines(out1);
        String[] in = Files.readAllLines(data).get(2).split(",");
        String[] got = lines.get(2).split(",");
        Redistributor a = m2.get("a");
        assertEquals(a.transform(Double.parseDouble(in[1])), Double.parseDouble(got[1]), 0.0);
        assertEquals(in[0], got[0]);
        assertEquals(List.of("m1.json", "m2.json", "out1.csv", "out2.csv"), Run.files(dir));
    }

    /**
     * Other fit options: subsampling and jittered ties (the copies hold every value, the fit uses
     * every third), bounds, and a sketch fit (no copies: the cells are parsed again).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"--subsample 3 --ties jitter --seed 4",
        "--columns a,b --lower -1000 --upper 1000 --bins 300", "--approx-error 0.01"})
    void otherFitsTransformAsTheTransformCommand(String options, @TempDir Path dir) throws IOException {
        Path model = dir.resolve("m.json");
        Path out1 = dir.resolve("out1.csv");
        Path out2 = dir.resolve("out2.csv");
        List<Object> args = new java.util.ArrayList<>(List.of("fit", data, "-o", model, "--transform-output", out1));
        args.addAll(List.of(options.split(" ")));
        Run combined = Run.of(args.toArray());
        assertEquals(0, combined.code(), combined::toString);
        Run transform = Run.of("transform", data, "--model", model, "-o", out2);
        assertEquals(0, transform.code(), transform::toString);
        assertArrayEquals(Files.readAllBytes(out2), Files.readAllBytes(out1));
    }

    /**
     * Files in which every column is fitted: when the records hold only values, delimiters and line
     * terminators, the one-run transform writes them from the fit's values without reading the
     * file again; otherwise it reads the text. Either way the bytes equal those of the transform
     * command: line feeds, CR LF, no final line end, mixed ends, quoted values, a blank line, a
     * missing cell.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"lf", "crlf", "unterminated", "mixed", "quoted",
        "blank-line", "missing-cell"})
    void everyColumnFittedTransformsAsTheTransformCommand(String layout, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("all.csv");
        SplittableRandom rng = new SplittableRandom(layout.hashCode());
        StringBuilder text = new StringBuilder("x;y;z").append(layout.equals("crlf") ? "\r\n" : "\n");
        int rows = 60_000; // about 3.5 MB: two chunks
        for (int i = 0; i < rows; i++) {
            String x = Double.toString(rng.nextGaussian());
            String y = layout.equals("quoted") && i % 7 == 0 ? "\"" + (i % 50) + "\"" : Integer.toString(i % 50);
            String z = layout.equals("missing-cell") && i == 40_000 ? "" : Double.toString(rng.nextDouble() * 1e6);
            text.append(x).append(';').append(y).append(';').append(z);
            boolean end = i == rows - 1 && layout.equals("unterminated");
            if (!end) {
                text.append(layout.equals("crlf") || layout.equals("mixed") && i % 3 == 0 ? "\r\n" : "\n");
            }
            if (layout.equals("blank-line") && i == 45_000) {
                text.append('\n');
            }
        }
        Files.writeString(file, text);
        Path model = dir.resolve("m.json");
        Path out1 = dir.resolve("out1.csv");
        Path out2 = dir.resolve("out2.csv");
        Run combined = Run.of("fit", file, "--delimiter", ";", "-o", model, "--transform-output", out1,
            "--threads", "2");
        assertEquals(0, combined.code(), combined::toString);
        Run transform = Run.of("transform", file, "--delimiter", ";", "--model", model, "-o", out2);
        assertEquals(0, transform.code(), transform::toString);
        assertArrayEquals(Files.readAllBytes(out2), Files.readAllBytes(out1), layout);
        assertEquals(List.of("all.csv", "m.json", "out1.csv", "out2.csv"), Run.files(dir));
    }

    /** Which fits allow writing the records from the values alone: the layout each chunk records. */
    @Test
    void plainChunksAreThoseOfValuesDelimitersAndLineEnds(@TempDir Path dir) throws IOException {
        assertEquals(1 << 2 | 1, layout(dir, "x,y\n1,2\n3,4\n"));
        assertEquals(2 << 2 | 0, layout(dir, "x,y\r\n1,2\r\n3,4"));
        assertEquals(1 << 2 | 2, layout(dir, "x,y\n1,2\n3,4\r\n"));
        assertEquals(0 << 2 | 0, layout(dir, "x,y\n1,2"));
        assertEquals(3 << 2 | 3, layout(dir, "x,y\n1,2\r"));
        assertEquals(-1, layout(dir, "x,y\n1,2\r\n3,4\n5,6\n"), "mixed ends before the last record");
        assertEquals(-1, layout(dir, "x,y\n1,2\n\n3,4\n"), "a blank line");

        try (SpilledValues kept = new SpilledValues(dir.resolve("any.csv"))) {
            kept.start(List.of("x", "y"));
            kept.record(2, new int[] {2, 2}, 2, 5);
            assertTrue(kept.plain());
            kept.record(4, new int[] {2, 1}, 2, 5);
            assertEquals(-1, kept.layout(1), "a missing cell");
            org.junit.jupiter.api.Assertions.assertFalse(kept.plain());
        }
    }

    private static int layout(Path dir, String text) throws IOException {
        Path file = dir.resolve("layout.csv");
        Files.writeString(file, text);
        try (CsvInput input = CsvInput.open(file, (byte) ',', ChunkReader.DEFAULT_CHUNK)) {
            Chunk chunk = input.next();
            return new CsvValues(input, new int[] {0, 1}).parse(chunk, new RecordCursor((byte) ',')).layout;
        }
    }

    /** A file whose cells no longer match the fit's counts is refused, not transformed with wrong values. */
    @Test
    void spilledValuesOfAnotherFileAreRefused(@TempDir Path dir) throws IOException {
        Path small = dir.resolve("small.csv");
        Files.writeString(small, "x\n1\n2\n\n3\n");
        try (SpilledValues kept = new SpilledValues(small); SpillFile spill = new SpillFile(dir)) {
            kept.start(List.of("x"));
            spill.write(new double[] {1, 2, 3}, 3);
            spill.finish();
            try (CsvInput input = CsvInput.open(small, (byte) ',', ChunkReader.DEFAULT_CHUNK)) {
                Chunk chunk = input.next();
                kept.record(chunk.firstLine(), new int[] {2}, 3, -1);
                kept.adopt(List.of(spill));
                CsvValues.Block block = new CsvValues(input, new int[] {0}).locate(chunk, new RecordCursor((byte) ','),
                    new CsvValues.Block(1, 4, true));
                assertEquals(3, block.rows);
                CliException e = org.junit.jupiter.api.Assertions.assertThrows(CliException.class,
                    () -> kept.fill(chunk, block, SpillFile.readBuffer(), new double[0]));
                assertTrue(e.getMessage().contains("changed"), e.getMessage());
                assertEquals(ExitCodes.DATA, e.exitCode());
            }
        }
    }

    @Test
    void refusesClashingOutputsAndLeavesNothingOnError(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("m.json");
        Run same = Run.of("fit", data, "-o", model, "--transform-output", model);
        assertEquals(ExitCodes.USAGE, same.code(), same::toString);
        assertTrue(same.err().contains("--transform-output"), same::toString);
        Run input = Run.of("fit", data, "-o", model, "--transform-output", data);
        assertEquals(ExitCodes.USAGE, input.code(), input::toString);
        assertTrue(input.err().contains("--force"), input::toString);

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x,y\n1,2\n3,oops\n");
        Run data = Run.of("fit", bad, "--columns", "x,y", "-o", model, "--transform-output", dir.resolve("out.csv"));
        assertEquals(ExitCodes.DATA, data.code(), data::toString);
        assertTrue(data.err().contains("'oops'"), data::toString);
        assertEquals(List.of("bad.csv"), Run.files(dir));
    }
}
