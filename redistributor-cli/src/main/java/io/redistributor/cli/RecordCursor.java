package io.redistributor.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Walks the records of a {@link Chunk} and exposes each record's fields as byte ranges, without
 * copying or allocating per record. Fields are separated by the delimiter outside double quotes;
 * a record ends at a line feed outside quotes, with an optional preceding carriage return. A
 * field's range includes its quotes; {@link #valueStart}/{@link #valueEnd} strip them.
 */
final class RecordCursor {
    private final byte delimiter;
    private byte[] b;
    private int pos;
    private int end;
    private long nextLine;
    private long line;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int fields;
    private int recordStart;
    private int recordEnd;
    private int terminatorEnd;

    RecordCursor(byte delimiter) {
        this.delimiter = delimiter;
    }

    /**
     * Starts walking a chunk.
     *
     * @param chunk the chunk
     * @return this cursor
     */
    RecordCursor reset(Chunk chunk) {
        this.b = chunk.data();
        this.pos = chunk.start();
        this.end = chunk.end();
        this.nextLine = chunk.firstLine();
        return this;
    }

    /**
     * Moves to the next record.
     *
     * @return false at the end of the chunk
     */
    boolean next() {
        if (pos >= end) {
            return false;
        }
        line = nextLine;
        recordStart = pos;
        fields = 0;
        int fieldStart = pos;
        boolean quoted = false;
        int i = pos;
        long lines = 0;
        byte d = delimiter;
        int contentEnd = -1;
        long quotes = Swar.broadcast((byte) '"');
        long delimiters = Swar.broadcast(d);
        long newlines = Swar.broadcast((byte) '\n');
        for (; i < end; i++) {
            // Skip to the next quote, delimiter or line feed eight bytes at a time.
            while (i + 8 <= end) {
                long x = Swar.load(b, i);
                long special = Swar.equal(x, quotes) | Swar.equal(x, delimiters) | Swar.equal(x, newlines);
                if (special != 0) {
                    i += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
                i += 8;
            }
            if (i >= end) {
                break;
            }
            byte c = b[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (c == d) {
                if (!quoted) {
                    add(fieldStart, i);
                    fieldStart = i + 1;
                }
            } else if (c == '\n') {
                lines++;
                if (!quoted) {
                    contentEnd = i > recordStart && b[i - 1] == '\r' ? i - 1 : i;
                    break;
                }
            }
        }
        if (contentEnd < 0) {
            contentEnd = end > recordStart && b[end - 1] == '\r' ? end - 1 : end;
            terminatorEnd = end;
        } else {
            terminatorEnd = i + 1;
        }
        add(fieldStart, Math.max(fieldStart, contentEnd));
        recordEnd = contentEnd;
        nextLine = line + lines;
        pos = terminatorEnd;
        return true;
    }

    private void add(int s, int e) {
        if (fields == starts.length) {
            starts = Arrays.copyOf(starts, fields * 2);
            ends = Arrays.copyOf(ends, fields * 2);
        }
        starts[fields] = s;
        ends[fields] = e;
        fields++;
    }

    /** @return the record's 1-based line number in the file */
    long line() {
        return line;
    }

    /** @return whether the record is an empty line */
    boolean blank() {
        return recordEnd == recordStart;
    }

    /** @return the number of fields */
    int fields() {
        return fields;
    }

    /** @return the bytes of the chunk */
    byte[] bytes() {
        return b;
    }

    /** @param f field index @return first byte of the field, quotes included */
    int start(int f) {
        return starts[f];
    }

    /** @param f field index @return end of the field, exclusive, quotes included */
    int end(int f) {
        return ends[f];
    }

    /** @param f field index @return first byte of the value (after an opening quote) */
    int valueStart(int f) {
        int s = starts[f];
        return quotedField(f) ? s + 1 : s;
    }

    /** @param f field index @return end of the value (before a closing quote) */
    int valueEnd(int f) {
        int e = ends[f];
        return quotedField(f) ? e - 1 : e;
    }

    private boolean quotedField(int f) {
        int s = starts[f];
        int e = ends[f];
        return e - s >= 2 && b[s] == '"' && b[e - 1] == '"';
    }

    /** @return first byte of the record */
    int recordStart() {
        return recordStart;
    }

    /** @return end of the record's content (before the line terminator) */
    int recordEnd() {
        return recordEnd;
    }

    /** @return end of the line terminator (the next record's start) */
    int terminatorEnd() {
        return terminatorEnd;
    }

    /**
     * The text of a field with quotes removed and doubled quotes undone (for headers and messages).
     *
     * @param f field index
     * @return the text, decoded as UTF-8
     */
    String text(int f) {
        int s = valueStart(f);
        int e = valueEnd(f);
        if (!quotedField(f)) {
            return new String(b, s, e - s, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(e - s);
        for (int i = s; i < e; i++) {
            out.write(b[i]);
            if (b[i] == '"' && i + 1 < e && b[i + 1] == '"') {
                i++;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
