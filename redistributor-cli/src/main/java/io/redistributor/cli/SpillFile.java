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
 * file order and read back as often as a multi-pass fit needs, so that later passes skip CSV
 * parsing. The file is deleted on {@link #close()}. Memory use is one buffer.
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
     * Reads every value back in order, in blocks.
     *
     * @param sink the receiver
     * @throws IOException if reading fails
     */
    void readAll(Block sink) throws IOException {
        flush();
        double[] values = new double[BUFFER_VALUES];
        long position = 0;
        long end = count * Double.BYTES;
        while (position < end) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), end - position));
            while (buffer.hasRemaining()) {
                int r = channel.read(buffer, position + buffer.position());
                if (r < 0) {
                    throw new IOException(path + ": temporary file ended early");
                }
            }
            buffer.flip();
            int n = buffer.remaining() / Double.BYTES;
            buffer.asDoubleBuffer().get(values, 0, n);
            position += (long) n * Double.BYTES;
            sink.accept(values, n);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
