package io.redistributor.cli;

import io.redistributor.Distribution;
import io.redistributor.KernelDensity;
import io.redistributor.LearnedDistribution;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Selects the numeric columns of a CSV file, reads them, and fits one distribution per column
 * with the library's fitters. Missing cells (empty, {@code nan}) and blank lines are skipped; an
 * infinite value or a non-numeric cell is an error naming file, line and column.
 */
final class CsvFit {
    private CsvFit() {
    }

    /**
     * The columns to use: the named ones (checked against the header), or else every column
     * whose cells in the first chunk of data (about the first 2 MB) are all numbers or missing,
     * with at least one number. A later non-numeric cell in such a column is reported as an
     * error when it is read.
     *
     * @param input the open input
     * @param named the requested names, or null or empty for the numeric columns
     * @param role how the names were requested, for a missing-column message (e.g. "--columns")
     * @return column indices in the requested (or header) order
     * @throws CliException if a named column is missing or no column is numeric
     */
    static int[] select(CsvInput input, List<String> named, String role) {
        if (named != null && !named.isEmpty()) {
            int[] idx = new int[named.size()];
            for (int c = 0; c < idx.length; c++) {
                idx[c] = input.index(named.get(c), role);
            }
            return idx;
        }
        Chunk first = input.peek();
        if (first == null) {
            throw CliException.data(input.file(), 0, null, "no data records after the header");
        }
        int k = input.columns().size();
        boolean[] numeric = new boolean[k];
        boolean[] seen = new boolean[k];
        Arrays.fill(numeric, true);
        RecordCursor cursor = new RecordCursor(input.delimiter()).reset(first);
        while (cursor.next()) {
            if (cursor.blank() || cursor.fields() != k) {
                continue;
            }
            for (int f = 0; f < k; f++) {
                if (!numeric[f]) {
                    continue;
                }
                try {
                    double v = NumberParser.parse(cursor.bytes(), cursor.valueStart(f), cursor.valueEnd(f));
                    seen[f] |= !Double.isNaN(v);
                } catch (NumberFormatException e) {
                    numeric[f] = false;
                }
            }
        }
        List<Integer> chosen = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            if (numeric[f] && seen[f]) {
                chosen.add(f);
            }
        }
        if (chosen.isEmpty()) {
            throw CliException.data(input.file(), 0, null, "no numeric column found; name columns with --columns");
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Reads every value of the selected columns into memory.
     *
     * @param input the open input
     * @param columns selected column indices
     * @param threads worker threads for parsing
     * @return per column, its finite values in file order (missing cells skipped)
     * @throws IOException if reading fails
     * @throws CliException on a bad or infinite cell
     */
    static double[][] readAll(CsvInput input, int[] columns, int threads) throws IOException {
        CsvValues parser = new CsvValues(input, columns);
        double[][] all = new double[columns.length][1024];
        int[] sizes = new int[columns.length];
        ThreadLocal<RecordCursor> cursors = ThreadLocal.withInitial(() -> new RecordCursor(input.delimiter()));
        ChunkPipeline.run(input, threads, chunk -> {
            CsvValues.Block block = parser.parse(chunk, cursors.get());
            checkFinite(input, chunk, block, parser, cursors.get());
            return block;
        }, block -> {
            for (int c = 0; c < columns.length; c++) {
                double[] v = block.values[c];
                for (int r = 0; r < block.rows; r++) {
                    if (!Double.isNaN(v[r])) {
                        if (sizes[c] == all[c].length) {
                            all[c] = Arrays.copyOf(all[c], sizes[c] * 2);
                        }
                        all[c][sizes[c]++] = v[r];
                    }
                }
            }
        });
        for (int c = 0; c < columns.length; c++) {
            all[c] = Arrays.copyOf(all[c], sizes[c]);
        }
        return all;
    }

    /** Re-walks a chunk to locate the first infinite value, if any, for the error message. */
    static void checkFinite(CsvInput input, Chunk chunk, CsvValues.Block block, CsvValues parser,
                                    RecordCursor cursor) {
        for (int c = 0; c < block.values.length; c++) {
            double[] v = block.values[c];
            for (int r = 0; r < block.rows; r++) {
                if (Double.isInfinite(v[r])) {
                    long line = lineOfRecord(chunk, cursor, r);
                    throw CliException.data(input.file(), line, parser.name(c),
                        String.format(Locale.ROOT, "%s cannot be fitted; only finite values can", v[r]));
                }
            }
        }
    }

    private static long lineOfRecord(Chunk chunk, RecordCursor cursor, int record) {
        cursor.reset(chunk);
        int r = -1;
        while (cursor.next()) {
            if (!cursor.blank() && ++r == record) {
                return cursor.line();
            }
        }
        return 0;
    }

    /**
     * Fits every selected column of a file: exactly by default (streaming passes, memory bounded
     * independently of the file size), from KLL sketches when {@code rankError > 0}, or as a
     * Gaussian kernel density (which holds every value) when {@code kde} is given.
     *
     * @param file the CSV file
     * @param delimiter the delimiter
     * @param named requested columns, or null for the numeric columns
     * @param role how the columns were requested, for a missing-column message
     * @param threads worker threads
     * @param fitter the lattice options (exact and sketch fits)
     * @param rankError the sketch rank error, or 0 for an exact fit
     * @param kde the kernel density options, or null
     * @param spillDir where an exact fit keeps its temporary copies of the columns
     * @param keep null, or a holder that an exact fit hands its temporary copies to (for a
     *     transform of the same file); other fits leave it empty
     * @return column name to fitted distribution, in column order
     * @throws IOException if reading fails
     * @throws CliException naming the column when its values cannot be fitted
     */
    static Map<String, Distribution> fit(Path file, byte delimiter, List<String> named, String role, int threads,
                                         LearnedDistribution.Fitter fitter, double rankError,
                                         KernelDensity.Fitter kde, Path spillDir, SpilledValues keep)
        throws IOException {
        int[] cols;
        List<String> names = new ArrayList<>();
        double[][] values = null;
        try (CsvInput input = CsvInput.open(file, delimiter, ChunkReader.DEFAULT_CHUNK)) {
            cols = select(input, named, role);
            for (int c : cols) {
                names.add(input.columns().get(c));
            }
            if (kde != null) {
                values = readAll(input, cols, threads);
            }
        }
        List<? extends Distribution> fitted;
        if (kde != null) {
            List<Distribution> k = new ArrayList<>();
            for (int c = 0; c < cols.length; c++) {
                try {
                    k.add(kde.fit(values[c]));
                } catch (IllegalArgumentException e) {
                    throw CliException.data(file, 0, names.get(c), "cannot fit: " + e.getMessage());
                }
                values[c] = null;
            }
            fitted = k;
        } else if (rankError > 0) {
            fitted = new ColumnFits(file, delimiter, threads).sketch(cols, names, fitter, rankError);
        } else {
            fitted = new ColumnFits(file, delimiter, threads).exact(cols, names, fitter, spillDir, keep);
        }
        Map<String, Distribution> out = new LinkedHashMap<>();
        for (int c = 0; c < cols.length; c++) {
            out.put(names.get(c), fitted.get(c));
        }
        return out;
    }
}
