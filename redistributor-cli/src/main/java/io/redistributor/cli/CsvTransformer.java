package io.redistributor.cli;

import io.redistributor.Redistributor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Streams a CSV file through per-column transforms: the named columns are replaced by their
 * transformed values, every other byte (header, other columns, quotes, line terminators, blank
 * lines) is copied unchanged, and record order is kept. Missing cells (empty or {@code nan})
 * are copied as they are. A transformed value is written by {@link NumberFormatter} (decimal
 * text that reads back to the same double); NaN from a value outside a bounded source's support
 * is written {@code NaN}.
 *
 * <p>Chunks are processed in parallel by a {@link ChunkPipeline}; memory stays bounded for any
 * file size.
 */
final class CsvTransformer {
    private final List<String> names;
    private final Redistributor[] transforms;
    private final boolean inverse;
    private final int threads;

    /**
     * Creates a transformer.
     *
     * @param names the columns to transform
     * @param transforms the transform of each column, same order
     * @param inverse whether to apply the inverse transforms
     * @param threads worker threads
     */
    CsvTransformer(List<String> names, List<Redistributor> transforms, boolean inverse, int threads) {
        this.names = List.copyOf(names);
        this.transforms = transforms.toArray(new Redistributor[0]);
        this.inverse = inverse;
        this.threads = threads;
    }

    /**
     * Transforms {@code in} into {@code out} (written directly; callers use {@link OutputFile}).
     *
     * @param in the CSV file
     * @param delimiter the field delimiter
     * @param role how the transformed columns are named in a missing-column message
     * @param out the output file
     * @return the number of data records written
     * @throws IOException if reading or writing fails
     * @throws CliException if a column is missing or a cell is not a number
     */
    long run(Path in, byte delimiter, String role, Path out) throws IOException {
        try (CsvInput input = CsvInput.open(in, delimiter, ChunkReader.DEFAULT_CHUNK);
             OutputStream os = Files.newOutputStream(out)) {
            int[] cols = new int[names.size()];
            for (int c = 0; c < cols.length; c++) {
                cols[c] = input.index(names.get(c), role);
            }
            CsvValues values = new CsvValues(input, cols);
            os.write(input.headerBytes());
            long[] rows = {0};
            ThreadLocal<RecordCursor> cursors = ThreadLocal.withInitial(() -> new RecordCursor(delimiter));
            ChunkPipeline.run(input, threads, chunk -> transformChunk(chunk, values, cols, cursors.get()),
                result -> {
                    os.write(result.bytes, 0, result.length);
                    rows[0] += result.rows;
                });
            return rows[0];
        }
    }

    /** Output bytes of one chunk. */
    private static final class Output {
        byte[] bytes;
        int length;
        long rows;
    }

    private Output transformChunk(Chunk chunk, CsvValues parser, int[] cols, RecordCursor cursor) {
        CsvValues.Block block = parser.parse(chunk, cursor);
        int n = block.rows;
        double[][] y = new double[cols.length][];
        for (int c = 0; c < cols.length; c++) {
            y[c] = new double[n];
            if (inverse) {
                transforms[c].inverse(block.values[c], 0, y[c], 0, n);
            } else {
                transforms[c].transform(block.values[c], 0, y[c], 0, n);
            }
        }
        int[] fieldToSelected = new int[0];
        Output out = new Output();
        out.bytes = new byte[(chunk.end() - chunk.start()) + (chunk.end() - chunk.start()) / 2 + 64];
        byte[] b = chunk.data();
        cursor.reset(chunk);
        int r = 0;
        while (cursor.next()) {
            if (cursor.blank()) {
                out.length = put(out, b, cursor.recordStart(), cursor.terminatorEnd());
                continue;
            }
            int fields = cursor.fields();
            if (fieldToSelected.length != fields) {
                fieldToSelected = new int[fields];
                Arrays.fill(fieldToSelected, -1);
                for (int c = 0; c < cols.length; c++) {
                    fieldToSelected[cols[c]] = c;
                }
            }
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    out.length = put(out, b, cursor.end(f - 1), cursor.start(f));
                }
                int c = fieldToSelected[f];
                if (c < 0 || Double.isNaN(block.values[c][r])) {
                    out.length = put(out, b, cursor.start(f), cursor.end(f));
                } else {
                    ensure(out, NumberFormatter.MAX_LENGTH);
                    out.length = NumberFormatter.write(y[c][r], out.bytes, out.length);
                }
            }
            out.length = put(out, b, cursor.end(fields - 1), cursor.terminatorEnd());
            r++;
        }
        out.rows = r;
        return out;
    }

    private static int put(Output out, byte[] src, int from, int to) {
        int len = to - from;
        ensure(out, len);
        byte[] dst = out.bytes;
        int p = out.length;
        if (len < 16) {
            // Delimiters and short cells: a plain loop beats System.arraycopy's call overhead.
            for (int i = 0; i < len; i++) {
                dst[p + i] = src[from + i];
            }
        } else {
            System.arraycopy(src, from, dst, p, len);
        }
        return p + len;
    }

    private static void ensure(Output out, int extra) {
        if (out.length + extra > out.bytes.length) {
            out.bytes = Arrays.copyOf(out.bytes, Math.max(out.bytes.length * 2, out.length + extra));
        }
    }
}
