package io.redistributor.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses the selected columns of a chunk's records into arrays of doubles, reporting a bad
 * cell with its file, line and column. Blank lines are skipped; missing cells (empty or
 * {@code nan}) become NaN.
 */
final class CsvValues {
    private final Path file;
    private final byte delimiter;
    private final List<String> header;
    private final int[] columns;
    private final int width;

    /**
     * Creates a parser.
     *
     * @param input the input (for file name, delimiter and header)
     * @param columns indices of the selected columns
     */
    CsvValues(CsvInput input, int[] columns) {
        this.file = input.file();
        this.delimiter = input.delimiter();
        this.header = input.columns();
        this.columns = columns.clone();
        this.width = header.size();
    }

    /** The parsed columns of one chunk. */
    static final class Block {
        /** values[c][r]: the selected column c of data record r (blank lines not counted). */
        final double[][] values;
        /** Number of data records. */
        int rows;

        Block(int columns, int capacity) {
            values = new double[columns][capacity];
        }
    }

    /**
     * Parses one chunk.
     *
     * @param chunk the chunk
     * @param cursor a cursor owned by the calling thread
     * @return the values of the selected columns
     * @throws CliException on a non-numeric cell or a record with the wrong number of fields
     */
    Block parse(Chunk chunk, RecordCursor cursor) {
        Block block = new Block(columns.length, Math.max(16, (chunk.end() - chunk.start()) / 32));
        cursor.reset(chunk);
        byte[] b = chunk.data();
        while (cursor.next()) {
            if (cursor.blank()) {
                continue;
            }
            checkFields(cursor);
            int r = block.rows;
            if (r == block.values[0].length) {
                for (int c = 0; c < columns.length; c++) {
                    block.values[c] = Arrays.copyOf(block.values[c], r * 2);
                }
            }
            for (int c = 0; c < columns.length; c++) {
                int f = columns[c];
                try {
                    block.values[c][r] = NumberParser.parse(b, cursor.valueStart(f), cursor.valueEnd(f));
                } catch (NumberFormatException e) {
                    throw CliException.data(file, cursor.line(), header.get(f), e.getMessage());
                }
            }
            block.rows = r + 1;
        }
        return block;
    }

    /**
     * Checks that the record has as many fields as the header.
     *
     * @param cursor the cursor at a record
     * @throws CliException if not
     */
    void checkFields(RecordCursor cursor) {
        if (cursor.fields() != width) {
            throw CliException.data(file, cursor.line(), null, String.format(Locale.ROOT,
                "%d fields, but the header has %d columns", cursor.fields(), width));
        }
    }

    /**
     * The name of a selected column.
     *
     * @param c index among the selected columns
     * @return its header name
     */
    String name(int c) {
        return header.get(columns[c]);
    }
}
