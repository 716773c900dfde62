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
        /**
         * With positions: starts[c][r] and ends[c][r], the byte range of the field (quotes
         * included) of selected column c in data record r; otherwise null.
         */
        final int[][] starts;
        /** The ends of the fields, as {@link #starts}; null without positions. */
        final int[][] ends;
        /** Number of data records. */
        int rows;
        /**
         * How the chunk's records end, when the chunk is nothing but its records' fields and line
         * terminators (no blank line): {@code inner << 2 | last}, with {@code last} the code of the
         * last record's terminator and {@code inner} that of every other record (the same as
         * {@code last} for a single record); codes 0 none (end of file), 1 LF, 2 CR LF, 3 CR (end
         * of file). -1 if the chunk has a blank line or its records end in different ways.
         */
        int layout;

        /**
         * Creates an empty block.
         *
         * @param columns number of selected columns
         * @param capacity initial number of records
         * @param positions whether to record the fields' byte ranges
         */
        Block(int columns, int capacity, boolean positions) {
            values = new double[columns][capacity];
            starts = positions ? new int[columns][capacity] : null;
            ends = positions ? new int[columns][capacity] : null;
        }

        private void grow() {
            int n = values[0].length * 2;
            for (int c = 0; c < values.length; c++) {
                values[c] = Arrays.copyOf(values[c], n);
                if (starts != null) {
                    starts[c] = Arrays.copyOf(starts[c], n);
                    ends[c] = Arrays.copyOf(ends[c], n);
                }
            }
        }
    }

    /**
     * Parses one chunk into a new block.
     *
     * @param chunk the chunk
     * @param cursor a cursor owned by the calling thread
     * @return the values of the selected columns
     * @throws CliException on a non-numeric cell or a record with the wrong number of fields
     */
    Block parse(Chunk chunk, RecordCursor cursor) {
        return parse(chunk, cursor, new Block(columns.length, Math.max(16, (chunk.end() - chunk.start()) / 32), false));
    }

    /**
     * Parses one chunk into a block, replacing its contents (the block grows as needed; with
     * positions, the fields' byte ranges are recorded too).
     *
     * @param chunk the chunk
     * @param cursor a cursor owned by the calling thread
     * @param block the block to fill, made for as many columns as this parser selects
     * @return the block
     * @throws CliException on a non-numeric cell or a record with the wrong number of fields
     */
    Block parse(Chunk chunk, RecordCursor cursor, Block block) {
        return walk(chunk, cursor, block, true);
    }

    /**
     * Locates the selected cells of one chunk's records without parsing them: the block gets
     * the records' count and the fields' byte ranges (it must record positions), and as values
     * NaN for a missing cell and 0 for any other (for {@link SpilledValues#fill} to replace).
     *
     * @param chunk the chunk, whose selected cells were all parsed before (by a fit)
     * @param cursor a cursor owned by the calling thread
     * @param block the block to fill, with positions
     * @return the block
     * @throws CliException on a record with the wrong number of fields
     */
    Block locate(Chunk chunk, RecordCursor cursor, Block block) {
        return walk(chunk, cursor, block, false);
    }

    private Block walk(Chunk chunk, RecordCursor cursor, Block block, boolean numbers) {
        block.rows = 0;
        cursor.reset(chunk);
        byte[] b = chunk.data();
        boolean positions = block.starts != null;
        boolean plain = true;
        int inner = -1;
        int last = -1;
        while (cursor.next()) {
            if (cursor.blank()) {
                plain = false;
                continue;
            }
            checkFields(cursor);
            if (last >= 0) {
                plain &= inner < 0 || inner == last;
                inner = last;
            }
            last = terminator(b, cursor.recordEnd(), cursor.terminatorEnd());
            int r = block.rows;
            if (r == block.values[0].length) {
                block.grow();
            }
            for (int c = 0; c < columns.length; c++) {
                int f = columns[c];
                if (!numbers) {
                    block.values[c][r] = NumberParser.isMissing(b, cursor.valueStart(f), cursor.valueEnd(f))
                        ? Double.NaN : 0;
                } else {
                    try {
                        block.values[c][r] = NumberParser.parse(b, cursor.valueStart(f), cursor.valueEnd(f));
                    } catch (NumberFormatException e) {
                        throw CliException.data(file, cursor.line(), header.get(f), e.getMessage());
                    }
                }
                if (positions) {
                    block.starts[c][r] = cursor.start(f);
                    block.ends[c][r] = cursor.end(f);
                }
            }
            block.rows = r + 1;
        }
        block.layout = plain && last >= 0 ? (inner < 0 ? last : inner) << 2 | last : -1;
        return block;
    }

    /** The code of a record's line terminator {@code b[from, to)}, as in {@link Block#layout}. */
    private static int terminator(byte[] b, int from, int to) {
        int n = to - from;
        return n == 2 ? 2 : n == 1 ? (b[from] == '\n' ? 1 : 3) : 0;
    }

    /**
     * The bytes of a line terminator code of {@link Block#layout}.
     *
     * @param code 0 to 3
     * @return the bytes
     */
    static byte[] terminatorBytes(int code) {
        return switch (code) {
            case 1 -> new byte[] {'\n'};
            case 2 -> new byte[] {'\r', '\n'};
            case 3 -> new byte[] {'\r'};
            default -> new byte[0];
        };
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
