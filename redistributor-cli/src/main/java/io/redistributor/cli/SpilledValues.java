package io.redistributor.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parsed values of a CSV file's fitted columns, kept from an exact fit's first pass (its
 * binary spill files, one per column, which hold each column's non-missing values in file order)
 * so that a transform of the same file right after the fit need not parse the numbers again.
 *
 * <p>The fit records, chunk by chunk, how many values of each column it kept; the transform
 * reads the file again in the same chunks (the chunks depend on the file alone), finds which
 * cells are missing from their text, and takes the other cells' values from the spills. If the
 * counts disagree, the file changed in between, and the transform fails. Closing deletes the
 * spill files. Memory: two numbers per chunk and column.
 *
 * <p>The fit also records how each chunk's records end. When no cell of the fitted columns is
 * missing and no chunk has a blank line ({@link #plain()}), the text between the fitted cells is
 * only delimiters and the recorded line terminators, so a transform that replaces every column of
 * the file can write its output from these values alone, without reading the file again.
 */
final class SpilledValues implements Closeable {
    private final Path file;
    private List<String> names = List.of();
    private List<SpillFile> spills = List.of();
    private long[] firstLines = new long[64];
    /** Per chunk, its {@link CsvValues.Block#layout}, or -1 if a fitted cell is missing in it. */
    private byte[] layouts = new byte[64];
    private boolean plain = true;
    /** offsets[c][i]: index in column c's spill of chunk i's first value; entry i + 1 ends it. */
    private long[][] offsets = new long[0][];
    private int chunks;

    /**
     * Creates an empty holder for the exact fit of a file to fill.
     *
     * @param file the CSV file (for messages)
     */
    SpilledValues(Path file) {
        this.file = file;
    }

    /**
     * Starts recording a fit's first pass.
     *
     * @param columns the fitted columns, in the fit's order
     */
    void start(List<String> columns) {
        this.names = List.copyOf(columns);
        this.offsets = new long[columns.size()][65];
        this.chunks = 0;
        this.plain = true;
    }

    /** @return the fitted columns, in the spills' order */
    List<String> names() {
        return names;
    }

    /** @return whether a fit has handed over its spill files */
    boolean ready() {
        return !spills.isEmpty();
    }

    /**
     * Records the next chunk of the fit's first pass, in file order.
     *
     * @param firstLine the chunk's first line (its key: lines increase from chunk to chunk)
     * @param kept the number of values kept (not missing) per column
     * @param rows the number of data records in the chunk
     * @param layout the chunk's {@link CsvValues.Block#layout}
     */
    void record(long firstLine, int[] kept, int rows, int layout) {
        if (chunks == firstLines.length) {
            firstLines = Arrays.copyOf(firstLines, 2 * chunks);
            layouts = Arrays.copyOf(layouts, 2 * chunks);
        }
        firstLines[chunks] = firstLine;
        boolean complete = true;
        for (int k : kept) {
            complete &= k == rows;
        }
        layouts[chunks] = (byte) (complete ? layout : -1);
        plain &= complete && layout >= 0;
        for (int c = 0; c < offsets.length; c++) {
            if (offsets[c].length < chunks + 2) {
                offsets[c] = Arrays.copyOf(offsets[c], 2 * (chunks + 1));
            }
            offsets[c][chunks + 1] = offsets[c][chunks] + kept[c];
        }
        chunks++;
    }

    /**
     * Takes over the fit's spill files (closed with this holder).
     *
     * @param files one per column, complete
     */
    void adopt(List<SpillFile> files) {
        this.spills = new ArrayList<>(files);
    }

    /**
     * Fills the values of a block made by {@link CsvValues#locate}: cells marked missing (NaN)
     * stay NaN, the others get the chunk's spilled values in order.
     *
     * @param chunk the chunk the block was made from
     * @param block the block: NaN for missing cells, anything else for values
     * @param scratch a read buffer of the calling thread ({@link SpillFile#readBuffer()})
     * @param spilled a value buffer of the calling thread, grown as needed
     * @return the value buffer (possibly a new, larger one)
     * @throws IOException if a spill file cannot be read
     * @throws CliException if the file changed since the fit
     */
    double[] fill(Chunk chunk, CsvValues.Block block, ByteBuffer scratch, double[] spilled) throws IOException {
        int i = Arrays.binarySearch(firstLines, 0, chunks, chunk.firstLine());
        if (i < 0) {
            throw changed(chunk, null);
        }
        double[] buf = spilled;
        for (int c = 0; c < offsets.length; c++) {
            int n = (int) (offsets[c][i + 1] - offsets[c][i]);
            buf = read(c, i, scratch, buf);
            double[] v = block.values[c];
            int k = 0;
            for (int r = 0; r < block.rows; r++) {
                if (v[r] == v[r]) {
                    if (k == n) {
                        throw changed(chunk, names.get(c));
                    }
                    v[r] = buf[k++];
                }
            }
            if (k != n) {
                throw changed(chunk, names.get(c));
            }
        }
        return buf;
    }

    /**
     * Whether every chunk is plain: each record holds a value in every fitted column and no chunk
     * has a blank line (see the class comment).
     *
     * @return true if the records can be written from the values and layouts alone
     */
    boolean plain() {
        return plain && chunks > 0;
    }

    /** @return the number of chunks the fit recorded */
    int chunks() {
        return chunks;
    }

    /**
     * The records of a chunk (in a plain fit, every column's value count).
     *
     * @param i the chunk
     * @return its number of values in the first fitted column
     */
    int rows(int i) {
        return (int) (offsets[0][i + 1] - offsets[0][i]);
    }

    /**
     * How a chunk's records end.
     *
     * @param i the chunk
     * @return its {@link CsvValues.Block#layout}, or -1 if a fitted cell is missing in it
     */
    int layout(int i) {
        return layouts[i];
    }

    /**
     * Reads one column's values of one chunk.
     *
     * @param c the column, in the fit's order
     * @param i the chunk
     * @param scratch a read buffer of the calling thread ({@link SpillFile#readBuffer()})
     * @param dst a value buffer of the calling thread, grown as needed
     * @return the buffer holding the values at {@code [0, n)} (possibly a new, larger one), n
     *     being the chunk's count of values in that column
     * @throws IOException if the spill file cannot be read
     */
    double[] read(int c, int i, ByteBuffer scratch, double[] dst) throws IOException {
        long from = offsets[c][i];
        int n = (int) (offsets[c][i + 1] - from);
        double[] buf = dst.length < n ? new double[Math.max(n, 2 * dst.length)] : dst;
        spills.get(c).read(from, buf, n, scratch);
        return buf;
    }

    private CliException changed(Chunk chunk, String column) {
        return CliException.data(file, chunk.firstLine(), column,
            "the file changed between the fit and the transform (the cells differ from those fitted)");
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (SpillFile s : spills) {
            try {
                s.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        spills = List.of();
        if (failure != null) {
            throw failure;
        }
    }
}
