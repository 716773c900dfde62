package io.redistributor.cli;

import io.redistributor.Redistributor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Streams a CSV file through per-column transforms: the named columns are replaced by their
 * transformed values, every other byte (header, other columns, quotes, line terminators, blank
 * lines) is copied unchanged, and record order is kept. Missing cells (empty or {@code nan})
 * are copied as they are. A transformed value is written by {@link NumberFormatter} (decimal
 * text that reads back to the same double); NaN from a value outside a bounded source's support
 * is written {@code NaN}.
 *
 * <p>With the values of an exact fit of the same file ({@link SpilledValues}), the numbers are
 * not parsed again; if moreover every column of the file is transformed and the fit found the
 * records {@linkplain SpilledValues#plain() plain}, the file is not read again at all: each record
 * is written from the values and the line ends the fit recorded, the same bytes as the text would
 * give.
 *
 * <p>Chunks are processed in parallel by a {@link ChunkPipeline}; each worker reuses its parse
 * and transform buffers, and output buffers are recycled once written, so memory stays bounded
 * for any file size.
 */
final class CsvTransformer {
    private final List<String> names;
    private final Redistributor[] transforms;
    private final boolean inverse;
    private final int threads;
    private final SpilledValues spilled;

    /**
     * Creates a transformer.
     *
     * @param names the columns to transform
     * @param transforms the transform of each column, same order
     * @param inverse whether to apply the inverse transforms
     * @param threads worker threads
     */
    CsvTransformer(List<String> names, List<Redistributor> transforms, boolean inverse, int threads) {
        this(names, transforms, inverse, threads, null);
    }

    /**
     * Creates a transformer that takes the columns' values from an exact fit of the same file
     * instead of parsing them (only cells' positions and missing cells are found in the text).
     *
     * @param names the columns to transform, the fitted ones in the fit's order
     * @param transforms the transform of each column, same order
     * @param inverse whether to apply the inverse transforms
     * @param threads worker threads
     * @param spilled the fit's values of these columns, or null to parse them
     * @throws IllegalArgumentException if the spilled columns are not {@code names}
     */
    CsvTransformer(List<String> names, List<Redistributor> transforms, boolean inverse, int threads,
                   SpilledValues spilled) {
        if (spilled != null && !(spilled.ready() && spilled.names().equals(names))) {
            throw new IllegalArgumentException("the spilled columns " + spilled.names() + " are not the columns "
                + names + " to transform");
        }
        this.names = List.copyOf(names);
        this.transforms = transforms.toArray(new Redistributor[0]);
        this.inverse = inverse;
        this.threads = threads;
        this.spilled = spilled;
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
            Integer[] byField = new Integer[cols.length];
            for (int c = 0; c < cols.length; c++) {
                byField[c] = c;
            }
            Arrays.sort(byField, (a, b) -> Integer.compare(cols[a], cols[b]));
            int[] order = Arrays.stream(byField).mapToInt(Integer::intValue).toArray();
            ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(delimiter, cols.length));
            Queue<Output> free = new ConcurrentLinkedQueue<>();
            ChunkPipeline.Sink<Output> sink = result -> {
                os.write(result.bytes, 0, result.length);
                rows[0] += result.rows;
                free.add(result);
            };
            if (spilled != null && spilled.plain() && cols.length == input.columns().size()) {
                // Every column is replaced and the records hold nothing else: no need to read the text.
                int[] next = {0};
                ChunkPipeline.run(() -> next[0] < spilled.chunks() ? next[0]++ : null, threads,
                    i -> writeChunk(i, delimiter, order, scratch.get(), free), sink);
            } else {
                ChunkPipeline.run(input, threads, chunk -> transformChunk(chunk, values, order, scratch.get(), free),
                    sink);
            }
            return rows[0];
        }
    }

    /** Per-thread buffers, reused from chunk to chunk. */
    private static final class Scratch {
        final RecordCursor cursor;
        final CsvValues.Block block;
        double[][] y;
        ByteBuffer spillBuffer;
        double[] spilled = new double[0];

        Scratch(byte delimiter, int columns) {
            cursor = new RecordCursor(delimiter);
            block = new CsvValues.Block(columns, 1 << 16, true);
            y = new double[columns][0];
        }
    }

    /** Output bytes of one chunk; recycled once written. */
    private static final class Output {
        byte[] bytes = new byte[0];
        int length;
        long rows;
    }

    /**
     * Parses a chunk (one walk over its records, which also records where each selected field
     * lies; with a fit's values, the walk only tells missing cells and the values are read from
     * the fit's copies), transforms the columns, then writes the chunk's bytes with those fields
     * replaced.
     */
    private Output transformChunk(Chunk chunk, CsvValues parser, int[] order, Scratch scratch, Queue<Output> free)
        throws IOException {
        CsvValues.Block block;
        if (spilled == null) {
            block = parser.parse(chunk, scratch.cursor, scratch.block);
        } else {
            block = parser.locate(chunk, scratch.cursor, scratch.block);
            if (scratch.spillBuffer == null) {
                scratch.spillBuffer = SpillFile.readBuffer();
            }
            scratch.spilled = spilled.fill(chunk, block, scratch.spillBuffer, scratch.spilled);
        }
        int n = block.rows;
        double[][] y = scratch.y;
        for (int c = 0; c < y.length; c++) {
            apply(c, block.values[c], n, scratch);
        }
        Output out = output(free);
        int size = chunk.end() - chunk.start();
        byte[] dst = out.bytes;
        if (dst.length < size + size / 2 + 64) {
            dst = new byte[size + size / 2 + 64];
        }
        byte[] b = chunk.data();
        int p = 0;
        int from = chunk.start();
        for (int r = 0; r < n; r++) {
            for (int c : order) {
                int start = block.starts[c][r];
                int end = block.ends[c][r];
                int need = start - from + Math.max(end - start, NumberFormatter.MAX_LENGTH);
                if (p + need > dst.length) {
                    dst = Arrays.copyOf(dst, Math.max(2 * dst.length, p + need));
                }
                p = copy(b, from, start, dst, p);
                if (Double.isNaN(block.values[c][r])) {
                    p = copy(b, start, end, dst, p);
                } else {
                    p = NumberFormatter.write(y[c][r], dst, p);
                }
                from = end;
            }
        }
        int rest = chunk.end() - from;
        if (p + rest > dst.length) {
            dst = Arrays.copyOf(dst, p + rest);
        }
        p = copy(b, from, chunk.end(), dst, p);
        out.bytes = dst;
        out.length = p;
        out.rows = n;
        return out;
    }

    /** Transforms column c's first n values into {@code scratch.y[c]} (grown as needed). */
    private void apply(int c, double[] x, int n, Scratch scratch) {
        if (scratch.y[c].length < n) {
            scratch.y[c] = new double[x.length];
        }
        if (inverse) {
            transforms[c].inverse(x, 0, scratch.y[c], 0, n);
        } else {
            transforms[c].transform(x, 0, scratch.y[c], 0, n);
        }
    }

    private static Output output(Queue<Output> free) {
        Output out = free.poll();
        return out != null ? out : new Output();
    }

    /**
     * Writes the records of the fit's chunk i from its values alone (for a {@link SpilledValues#plain}
     * fit in which every column is transformed): the values of each record in field order,
     * separated by the delimiter, each record ended by the terminator the fit recorded.
     */
    private Output writeChunk(int i, byte delimiter, int[] order, Scratch scratch, Queue<Output> free)
        throws IOException {
        if (scratch.spillBuffer == null) {
            scratch.spillBuffer = SpillFile.readBuffer();
        }
        int n = spilled.rows(i);
        for (int c = 0; c < order.length; c++) {
            scratch.spilled = spilled.read(c, i, scratch.spillBuffer, scratch.spilled);
            apply(c, scratch.spilled, n, scratch);
        }
        int layout = spilled.layout(i);
        byte[] inner = CsvValues.terminatorBytes(layout >> 2);
        byte[] last = CsvValues.terminatorBytes(layout & 3);
        Output out = output(free);
        long size = (long) n * (order.length * (NumberFormatter.MAX_LENGTH + 1L) + 2);
        if (out.bytes.length < size) {
            out.bytes = new byte[Math.toIntExact(size)];
        }
        byte[] dst = out.bytes;
        double[][] y = scratch.y;
        int p = 0;
        int lastField = order.length - 1;
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < lastField; k++) {
                p = NumberFormatter.write(y[order[k]][r], dst, p);
                dst[p++] = delimiter;
            }
            p = NumberFormatter.write(y[order[lastField]][r], dst, p);
            byte[] t = r < n - 1 ? inner : last;
            for (byte x : t) {
                dst[p++] = x;
            }
        }
        out.length = p;
        out.rows = n;
        return out;
    }

    private static int copy(byte[] src, int from, int to, byte[] dst, int p) {
        int len = to - from;
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
}
