package io.redistributor.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

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
    /** Most bytes read and scanned at a time: small enough to stay in the core's cache in between. */
    private static final int STEP = 1 << 16;

    private final InputStream in;
    /** Buffers of chunks that were processed, for reuse (any size: a chunk's extent never depends on it). */
    private final Queue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final int chunkSize;
    /** Bytes read at a time: STEP, or a quarter of a small chunk (so tests cross steps too). */
    private final int step;
    private byte[] carry = new byte[0];
    private int carryLength;
    private long nextLine = 1;
    private boolean eof;
    // Scan state of the chunk being read.
    private int boundary;
    private long lines;
    private long linesAtBoundary;
    private boolean quoted;

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
        this.step = Math.max(1, Math.min(STEP, chunkSize / 4));
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
        int capacity = Math.max(chunkSize, carryLength + Math.max(chunkSize / 2, 1));
        byte[] buf = free.poll();
        if (buf == null || buf.length < capacity) {
            buf = new byte[capacity];
        }
        System.arraycopy(carry, 0, buf, 0, carryLength);
        int len = carryLength;
        int scanned = 0;
        boundary = -1;
        lines = 0;
        linesAtBoundary = 0;
        quoted = false;
        while (true) {
            // Read a step at a time and scan each step at once, while its bytes are still cached.
            while (true) {
                if (scanned < len) {
                    scan(buf, scanned, len);
                    scanned = len;
                }
                if (eof || len == capacity) {
                    break;
                }
                len = fill(buf, len, Math.min(capacity, len + step));
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
            // No record ends in the buffer: make it larger and go on (the state so far stays valid).
            capacity *= 2;
            if (buf.length < capacity) {
                buf = Arrays.copyOf(buf, capacity);
            }
        }
    }

    /**
     * Scans {@code buf[from, to)} for line feeds outside quotes, continuing the state left by the
     * bytes before {@code from}: the last record boundary, the lines up to it and in all.
     */
    private void scan(byte[] buf, int from, int to) {
        int i = from;
        while (i < to) {
            int stop = to;
            if (i + 8 <= to) {
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
    }

    /**
     * Gives back the bytes of a chunk that is no longer used, for a later chunk to reuse (a
     * chunk's extent depends on the file alone, not on the buffer it gets).
     *
     * @param data the chunk's {@link Chunk#data()}, not used by anyone any more
     */
    void recycle(byte[] data) {
        free.add(data);
    }

    /** Reads into {@code buf[len, limit)} until it is full or the file ends; returns the new length. */
    private int fill(byte[] buf, int len, int limit) throws IOException {
        while (len < limit && !eof) {
            int n = in.read(buf, len, limit - len);
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
