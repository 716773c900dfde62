package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunked CSV reading: records built from known fields, rendered with quotes, embedded
 * delimiters and line breaks, CRLF and blank lines, must come back field for field with the
 * right line numbers for every chunk size (small sizes force records across chunk boundaries).
 */
class CsvReadingTest {
    @TempDir
    Path dir;

    private static final List<List<String>> RECORDS = List.of(
        List.of("1.5", "plain", "-2"),
        List.of("2", "with, comma", "3e5"),
        List.of("", "two\nlines", "nan"),
        List.of("4", "say \"hi\"", "  7 "),
        List.of("5", "", "8"));

    private static String quote(String f) {
        if (f.contains(",") || f.contains("\n") || f.contains("\"")) {
            return '"' + f.replace("\"", "\"\"") + '"';
        }
        return f;
    }

    /** Renders the records; returns the expected line number of each record. */
    private static long[] render(StringBuilder sb, String eol) {
        sb.append("\uFEFFa,\"b\",c").append(eol);
        long line = 2;
        long[] lines = new long[RECORDS.size()];
        for (int r = 0; r < RECORDS.size(); r++) {
            if (r == 2) {
                sb.append(eol);
                line++;
            }
            lines[r] = line;
            List<String> rec = RECORDS.get(r);
            for (int f = 0; f < rec.size(); f++) {
                sb.append(f > 0 ? "," : "").append(quote(rec.get(f)));
                line += rec.get(f).chars().filter(ch -> ch == '\n').count();
            }
            if (r < RECORDS.size() - 1) {
                sb.append(eol);
            }
            line++;
        }
        return lines;
    }

    @Test
    void recordsFieldsAndLinesSurviveEveryChunkSize() throws IOException {
        for (String eol : new String[] {"\n", "\r\n"}) {
            StringBuilder sb = new StringBuilder();
            long[] lines = render(sb, eol);
            Path file = dir.resolve("t.csv");
            Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
            for (int chunk = 1; chunk <= 64; chunk++) {
                assertReadsBack(file, chunk, RECORDS, lines, "chunk " + chunk + " eol " + eol.length());
            }
        }
    }

    /**
     * Long random records (fields up to 40 characters of letters, digits, delimiters, quotes, line
     * breaks and a two-byte character) cross the eight-byte words the reader scans at a time at
     * every offset; each must come back field for field, on its line.
     */
    @Property(tries = 60)
    void randomRecordsSurviveRandomChunkSizes(@ForAll long seed) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        String alphabet = "ab1.\",\n\u00e9 ";
        List<List<String>> records = new ArrayList<>();
        String eol = rng.nextBoolean() ? "\n" : "\r\n";
        StringBuilder sb = new StringBuilder("a,b,c").append(eol);
        int n = rng.nextInt(1, 40);
        long[] lines = new long[n];
        long line = 2;
        for (int r = 0; r < n; r++) {
            lines[r] = line;
            List<String> rec = new ArrayList<>();
            for (int f = 0; f < 3; f++) {
                StringBuilder field = new StringBuilder();
                int len = rng.nextInt(0, 41);
                for (int k = 0; k < len; k++) {
                    field.append(alphabet.charAt(rng.nextInt(alphabet.length())));
                }
                String text = field.toString();
                rec.add(text);
                sb.append(f > 0 ? "," : "").append(quote(text));
                line += text.chars().filter(ch -> ch == '\n').count();
            }
            records.add(rec);
            sb.append(eol);
            line++;
        }
        // jqwik properties get no @TempDir: a temporary file of their own, deleted at the end.
        Path file = Files.createTempFile("csv-reading-", ".csv");
        try {
            Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
            int chunk = rng.nextInt(1, 300);
            assertReadsBack(file, chunk, records, lines, "seed " + seed + " chunk " + chunk);
            assertReadsBack(file, ChunkReader.DEFAULT_CHUNK, records, lines, "seed " + seed);
        } finally {
            Files.delete(file);
        }
    }

    /** Each chunk's first line and length: they must not depend on whether buffers are reused. */
    private static List<String> extents(Path file, int chunk, boolean recycle) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvInput in = CsvInput.open(file, (byte) ',', chunk)) {
            for (Chunk c = in.next(); c != null; c = in.next()) {
                out.add(c.firstLine() + "+" + (c.end() - c.start()));
                if (recycle) {
                    in.recycle(c);
                }
            }
        }
        return out;
    }

    private static void assertReadsBack(Path file, int chunk, List<List<String>> records, long[] lines, String ctx)
        throws IOException {
        try (CsvInput in = CsvInput.open(file, (byte) ',', chunk)) {
            assertEquals(List.of("a", "b", "c"), in.columns());
            List<List<String>> got = new ArrayList<>();
            List<Long> gotLines = new ArrayList<>();
            RecordCursor cur = new RecordCursor((byte) ',');
            for (Chunk c = in.next(); c != null; c = in.next()) {
                cur.reset(c);
                while (cur.next()) {
                    if (cur.blank()) {
                        continue;
                    }
                    List<String> fields = new ArrayList<>();
                    for (int f = 0; f < cur.fields(); f++) {
                        fields.add(cur.text(f).replace("\r\n", "\n"));
                    }
                    got.add(fields);
                    gotLines.add(cur.line());
                }
                in.recycle(c); // the next chunks reuse the bytes, as in the commands
            }
            assertEquals(records, got, ctx);
            assertEquals(extents(file, chunk, false), extents(file, chunk, true), ctx + ": chunks with reused bytes");
            for (int r = 0; r < lines.length; r++) {
                assertEquals(lines[r], gotLines.get(r), ctx + " record " + r);
            }
        }
    }

    @Test
    void emptyFileIsReportedAsData() throws IOException {
        Path file = dir.resolve("empty.csv");
        Files.write(file, new byte[0]);
        CliException e = org.junit.jupiter.api.Assertions.assertThrows(CliException.class,
            () -> CsvInput.open(file, (byte) ',', 1024).close());
        assertEquals(ExitCodes.DATA, e.exitCode());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }
}
