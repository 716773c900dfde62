package io.redistributor.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A CSV file with a header line, read chunk by chunk. The header gives the column names; the
 * chunks hold the data records and can be parsed in parallel with a {@link RecordCursor}.
 */
final class CsvInput implements Closeable {
    private final Path file;
    private final byte delimiter;
    private final ChunkReader reader;
    private final List<String> columns;
    private final byte[] headerBytes;
    private Chunk pending;

    private CsvInput(Path file, byte delimiter, ChunkReader reader, List<String> columns, byte[] headerBytes,
                     Chunk pending) {
        this.file = file;
        this.delimiter = delimiter;
        this.reader = reader;
        this.columns = columns;
        this.headerBytes = headerBytes;
        this.pending = pending;
    }

    /**
     * Opens a CSV file and reads its header line (a UTF-8 byte order mark is skipped).
     *
     * @param file the file
     * @param delimiter the field delimiter
     * @param chunkSize bytes per chunk
     * @return the open input
     * @throws IOException if the file cannot be read
     * @throws CliException if the file is empty
     */
    static CsvInput open(Path file, byte delimiter, int chunkSize) throws IOException {
        ChunkReader reader = new ChunkReader(file, chunkSize);
        try {
            Chunk first = reader.next();
            if (first == null) {
                throw CliException.data(file, 0, null, "the file is empty; a header line with column names is needed");
            }
            byte[] d = first.data();
            int bom = first.end() >= 3 && d[0] == (byte) 0xEF && d[1] == (byte) 0xBB && d[2] == (byte) 0xBF ? 3 : 0;
            RecordCursor cursor = new RecordCursor(delimiter).reset(
                new Chunk(d, bom, first.end(), first.firstLine()));
            cursor.next();
            List<String> names = new ArrayList<>(cursor.fields());
            for (int f = 0; f < cursor.fields(); f++) {
                names.add(cursor.text(f).strip());
            }
            int dataStart = cursor.terminatorEnd();
            byte[] header = java.util.Arrays.copyOfRange(d, 0, dataStart);
            Chunk rest = dataStart < first.end()
                ? new Chunk(d, dataStart, first.end(), first.firstLine() + countNewlines(d, 0, dataStart))
                : null;
            return new CsvInput(file, delimiter, reader, Collections.unmodifiableList(names), header, rest);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private static long countNewlines(byte[] d, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (d[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    /** @return the file */
    Path file() {
        return file;
    }

    /** @return the delimiter */
    byte delimiter() {
        return delimiter;
    }

    /** @return the column names in header order */
    List<String> columns() {
        return columns;
    }

    /** @return the raw bytes of the header line, terminator included */
    byte[] headerBytes() {
        return headerBytes.clone();
    }

    /**
     * The index of a named column.
     *
     * @param name the name
     * @param role how the caller uses the column, for the message (e.g. "--columns")
     * @return the index
     * @throws CliException if the header has no such column or has it more than once
     */
    int index(String name, String role) {
        int first = columns.indexOf(name);
        if (first < 0) {
            throw CliException.data(file, 1, null, String.format(Locale.ROOT,
                "no column '%s' (%s); the header has: %s", name, role, String.join(", ", columns)));
        }
        if (columns.lastIndexOf(name) != first) {
            throw CliException.data(file, 1, null, String.format(Locale.ROOT,
                "column name '%s' (%s) appears more than once in the header", name, role));
        }
        return first;
    }

    /**
     * The first chunk of data records without consuming it (used to guess numeric columns).
     *
     * @return the chunk, or null if the file has no data records
     */
    Chunk peek() {
        return pending;
    }

    /**
     * The next chunk of data records.
     *
     * @return the chunk, or null at the end
     * @throws IOException if reading fails
     */
    Chunk next() throws IOException {
        if (pending != null) {
            Chunk c = pending;
            pending = null;
            return c;
        }
        return reader.next();
    }

    /**
     * Gives back the bytes of a processed chunk for reuse.
     *
     * @param chunk a chunk from {@link #next()} whose bytes nobody uses any more
     */
    void recycle(Chunk chunk) {
        reader.recycle(chunk.data());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
