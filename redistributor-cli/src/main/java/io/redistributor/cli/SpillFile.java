package io.redistributor.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary binary file of one column's values (8 bytes each, native order), written once in
 * file order and read back, in ranges and from several threads at once, as often as a multi-pass
 * fit needs, so that later passes skip CSV parsing. The file is deleted on {@link #close()}, or at exit
 * through {@link TemporaryFiles} if the command is stopped first.
 * Memory use is one buffer for writing and one per running read.
 */
final class SpillFile implements Closeable {
    private static final int BUFFER_VALUES = 1 << 16;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_VALUES * Double.BYTES)
        .order(ByteOrder.nativeOrder());
    private long count;

    /** Receives a block of values read back. */
    interface Block {
        /**
         * Receives values.
         *
         * @param values the values
         * @param n how many
         */
        void accept(double[] values, int n);
    }

    /**
     * Creates an empty spill file.
     *
     * @param dir the directory (the output's, so the space used is where the user writes)
     * @throws IOException if the file cannot be created
     */
    SpillFile(Path dir) throws IOException {
        this.path = Files.createTempFile(dir, ".redistributor-fit-", ".tmp");
        TemporaryFiles.register(path);
        this.channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /**
     * Appends values.
     *
     * @param values the values
     * @param n how many, from index 0
     * @throws IOException if writing fails
     */
    void write(double[] values, int n) throws IOException {
        int done = 0;
        while (done < n) {
            int len = Math.min(n - done, buffer.remaining() / Double.BYTES);
            buffer.asDoubleBuffer().put(values, done, len);
            buffer.position(buffer.position() + len * Double.BYTES);
            done += len;
            if (!buffer.hasRemaining()) {
                flush();
            }
        }
        count += n;
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /**
     * Writes out what is buffered, so that {@link #read} sees every value. Call once after the
     * last {@link #write} and before reading.
     *
     * @throws IOException if writing fails
     */
    void finish() throws IOException {
        flush();
    }

    /** @return the number of values written */
    long count() {
        return count;
    }

    /**
     * Reads the values with indices in {@code [from, to)} back in order, in blocks. Several
     * threads may read different ranges at once (positional reads, a buffer per call).
     *
     * @param from first index
     * @param to end index, exclusive, at most {@link #count()}
     * @param sink the receiver
     * @throws IOException if reading fails
     */
    void read(long from, long to, Block sink) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(BUFFER_VALUES * Double.BYTES).order(ByteOrder.nativeOrder());
        double[] values = new double[BUFFER_VALUES];
        long position = from * Double.BYTES;
        long end = to * Double.BYTES;
        while (position < end) {
            bytes.clear();
            bytes.limit((int) Math.min(bytes.capacity(), end - position));
            while (bytes.hasRemaining()) {
                int r = channel.read(bytes, position + bytes.position());
                if (r < 0) {
                    throw new IOException(path + ": temporary file ended early");
                }
            }
            bytes.flip();
            int n = bytes.remaining() / Double.BYTES;
            bytes.asDoubleBuffer().get(values, 0, n);
            position += (long) n * Double.BYTES;
            sink.accept(values, n);
        }
    }

    /**
     * Reads the {@code n} values from index {@code from} into {@code dst[0, n)} through the
     * caller's buffer. Several threads may read at once, each with its own buffer.
     *
     * @param from first index
     * @param dst the destination
     * @param n how many values, at most {@code count() - from}
     * @param scratch a direct buffer of the caller, a multiple of 8 bytes long
     * @throws IOException if reading fails or the file is shorter
     */
    void read(long from, double[] dst, int n, ByteBuffer scratch) throws IOException {
        scratch.order(ByteOrder.nativeOrder());
        long position = from * Double.BYTES;
        int done = 0;
        while (done < n) {
            scratch.clear();
            scratch.limit((int) Math.min(scratch.capacity(), (long) (n - done) * Double.BYTES));
            while (scratch.hasRemaining()) {
                if (channel.read(scratch, position + scratch.position()) < 0) {
                    throw new IOException(path + ": temporary file ended early");
                }
            }
            scratch.flip();
            int k = scratch.remaining() / Double.BYTES;
            scratch.asDoubleBuffer().get(dst, done, k);
            position += (long) k * Double.BYTES;
            done += k;
        }
    }

    /**
     * A buffer for {@link #read(long, double[], int, ByteBuffer)}.
     *
     * @return a new direct buffer
     */
    static ByteBuffer readBuffer() {
        return ByteBuffer.allocateDirect(BUFFER_VALUES * Double.BYTES).order(ByteOrder.nativeOrder());
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(path);
            TemporaryFiles.release(path);
        }
    }
}
