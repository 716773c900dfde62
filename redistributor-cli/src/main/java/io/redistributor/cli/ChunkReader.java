package io.redistributor.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a CSV file as a sequence of {@link Chunk}s of whole records, so that chunks can be parsed
 * independently and in parallel. A record ends at a line feed outside double quotes, so quoted
 * fields may contain delimiters and line breaks. Memory use is one chunk (about
 * {@code chunkSize} bytes, more only for a single record longer than that).
 */
final class ChunkReader implements Closeable {
    /** Default chunk size: large enough to amortize the hand-off between threads. */
    static final int DEFAULT_CHUNK = 1 << 21;
    private static final long QUOTES = Swar.broadcast((byte) '"');
    private static final long NEWLINES = Swar.broadcast((byte) '\n');

    private final InputStream in;
    private final int chunkSize;
    private byte[] carry = new byte[0];
    private int carryLength;
    private long nextLine = 1;
    private boolean eof;

    /**
     * Opens the file.
     *
     * @param file the CSV file
     * @param chunkSize target bytes per chunk, at least 1
     * @throws IOException if the file cannot be opened
     */
    ChunkReader(Path file, int chunkSize) throws IOException {
        this.in = Files.newInputStream(file);
        this.chunkSize = chunkSize;
    }

    /**
     * The next chunk.
     *
     * @return the chunk, or null at the end of the file
     * @throws IOException if reading fails
     */
    Chunk next() throws IOException {
        if (eof && carryLength == 0) {
            return null;
        }
        byte[] buf = new byte[Math.max(chunkSize, carryLength + Math.max(chunkSize / 2, 1))];
        System.arraycopy(carry, 0, buf, 0, carryLength);
        int len = carryLength;
        while (true) {
            len = fill(buf, len);
            int boundary = -1;
            long lines = 0;
            long linesAtBoundary = 0;
            boolean quoted = false;
            int i = 0;
            while (i < len) {
                int stop = len;
                if (i + 8 <= len) {
                    // Eight bytes at a time; only a word holding a quote is walked byte by byte.
                    long x = Swar.load(buf, i);
                    if (Swar.equal(x, QUOTES) == 0) {
                        long newlines = Swar.equal(x, NEWLINES);
                        if (newlines != 0) {
                            lines += Long.bitCount(newlines);
                            if (!quoted) {
                                boundary = i + (63 - Long.numberOfLeadingZeros(newlines)) / 8 + 1;
                                linesAtBoundary = lines;
                            }
                        }
                        i += 8;
                        continue;
                    }
                    stop = i + 8;
                }
                for (; i < stop; i++) {
                    byte c = buf[i];
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (c == '\n') {
                        lines++;
                        if (!quoted) {
                            boundary = i + 1;
                            linesAtBoundary = lines;
                        }
                    }
                }
            }
            if (eof) {
                boundary = len;
                linesAtBoundary = lines;
            }
            if (boundary >= 0) {
                carryLength = len - boundary;
                if (carry.length < carryLength) {
                    carry = new byte[Math.max(carryLength, chunkSize / 2)];
                }
                System.arraycopy(buf, boundary, carry, 0, carryLength);
                Chunk chunk = new Chunk(buf, 0, boundary, nextLine);
                nextLine += linesAtBoundary;
                return boundary == 0 ? null : chunk;
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
    }

    private int fill(byte[] buf, int len) throws IOException {
        while (len < buf.length && !eof) {
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                eof = true;
            } else {
                len += n;
            }
        }
        return len;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
