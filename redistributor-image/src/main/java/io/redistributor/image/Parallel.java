package io.redistributor.image;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Splits index ranges into fixed blocks and runs them on the common fork-join pool. The blocks
 * depend only on the range length, never on the number of threads, and every block writes only
 * its own outputs, so results are identical for any thread count.
 */
final class Parallel {

    /** Values per block. */
    static final int BLOCK = 1 << 14;
    /** Ranges shorter than this run on the calling thread. */
    static final int THRESHOLD = 1 << 16;

    /** Work on the half-open range [from, to). */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    private Parallel() {
    }

    /** Runs {@code body} over [0, n) in blocks of {@link #BLOCK}, in parallel for long ranges. */
    static void forRange(int n, Range body) {
        forRange(n, BLOCK, body);
    }

    /** Runs {@code body} over [0, n) in blocks of {@code block} indices. */
    static void forRange(int n, int block, Range body) {
        int blocks = (n + block - 1) / block;
        IntStream s = IntStream.range(0, blocks);
        if (n >= THRESHOLD) {
            s = s.parallel();
        }
        s.forEach(b -> body.run(b * block, Math.min(n, (b + 1) * block)));
    }

    /** Runs {@code body} for each index in [0, count), on the pool when {@code parallel}. */
    static void forEach(int count, boolean parallel, IntConsumer body) {
        IntStream s = IntStream.range(0, count);
        if (parallel) {
            s = s.parallel();
        }
        s.forEach(body);
    }

    /** Runs {@code body} over rows [0, height) in parallel when the image is large. */
    static void forRows(int height, int width, Range body) {
        int rowsPerBlock = Math.max(1, BLOCK / Math.max(1, width));
        int blocks = (height + rowsPerBlock - 1) / rowsPerBlock;
        IntStream s = IntStream.range(0, blocks);
        if ((long) height * width >= THRESHOLD) {
            s = s.parallel();
        }
        s.forEach(b -> body.run(b * rowsPerBlock, Math.min(height, (b + 1) * rowsPerBlock)));
    }
}
