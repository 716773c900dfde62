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
 */
final class SpilledValues implements Closeable {
    private final Path file;
    private List<String> names = List.of();
    private List<SpillFile> spills = List.of();
    private long[] firstLines = new long[64];
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
     */
    void record(long firstLine, int[] kept) {
        if (chunks == firstLines.length) {
            firstLines = Arrays.copyOf(firstLines, 2 * chunks);
        }
        firstLines[chunks] = firstLine;
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
            long from = offsets[c][i];
            int n = (int) (offsets[c][i + 1] - from);
            if (buf.length < n) {
                buf = new double[Math.max(n, 2 * buf.length)];
            }
            spills.get(c).read(from, buf, n, scratch);
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
