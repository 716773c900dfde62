package io.redistributor.stream;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.PrimitiveIterator;
import java.util.function.Supplier;
import java.util.stream.DoubleStream;

/**
 * Data that may not fit in one array, seen as a sequence of chunks that can be read again: every
 * call of {@link #forEachChunk} makes one full pass over the same values in the same order.
 *
 * <p>Exact fits ({@link ChunkedFitter}) read a source a few times, so a source must deliver the
 * same values on every pass; a fit detects a changed count and fails with an
 * {@link IllegalStateException}. A chunk is handed over as an array range that is read only
 * during the call of {@link ChunkConsumer#accept}, so a source may reuse one buffer for all its
 * chunks. Chunks of length 0 are allowed and ignored. Sources signal I/O failures with unchecked
 * exceptions (for example {@link java.io.UncheckedIOException}).
 *
 * <p>Values are not checked by the source; NaN and ±∞ are refused by the fits, which name the
 * chunk and index.
 */
@FunctionalInterface
public interface ChunkSource {

    /**
     * Makes one full pass: calls the consumer once per chunk, in order.
     *
     * @param consumer receives each chunk
     */
    void forEachChunk(ChunkConsumer consumer);

    /** Receives one chunk of a pass. */
    @FunctionalInterface
    interface ChunkConsumer {
        /**
         * Reads {@code values[offset, offset + length)}; the range must not be kept after the call.
         *
         * @param values the array holding the chunk
         * @param offset first index of the chunk
         * @param length number of values, possibly 0
         */
        void accept(double[] values, int offset, int length);
    }

    /** Fills chunks of a {@link #generated generated} source. */
    @FunctionalInterface
    interface ChunkGenerator {
        /**
         * Writes the values with indices {@code firstIndex … firstIndex + length - 1} into
         * {@code buffer[0, length)}. Must give the same values for the same indices every time.
         *
         * @param firstIndex index (from 0 over the whole source) of the first value to write
         * @param buffer the reused chunk buffer
         * @param length number of values to write
         */
        void fill(long firstIndex, double[] buffer, int length);
    }

    /**
     * A source over arrays held in memory (not copied; each array is one chunk).
     *
     * @param chunks the chunks; none may be null (an empty array is an empty chunk)
     * @return the source
     * @throws IllegalArgumentException if chunks or one of them is null
     */
    static ChunkSource of(double[]... chunks) {
        if (chunks == null) {
            throw new IllegalArgumentException("chunks must not be null");
        }
        return of(List.of(checkChunks(chunks)));
    }

    /**
     * A source over a list of arrays held in memory (not copied; each array is one chunk; later
     * changes to the list are seen by later passes).
     *
     * @param chunks the chunks; none may be null
     * @return the source
     * @throws IllegalArgumentException if chunks or one of them is null
     */
    static ChunkSource of(List<double[]> chunks) {
        if (chunks == null) {
            throw new IllegalArgumentException("chunks must not be null");
        }
        checkChunks(chunks.toArray(new double[0][]));
        return consumer -> {
            for (double[] c : chunks) {
                consumer.accept(c, 0, c.length);
            }
        };
    }

    /**
     * A source whose every pass reads a fresh iterator from the supplier, each element being a
     * chunk.
     *
     * @param passes gives a new iterator over the same chunks on each call
     * @return the source
     * @throws IllegalArgumentException if passes is null; a null iterator or chunk is refused
     *     during the pass
     */
    static ChunkSource ofIterators(Supplier<? extends Iterator<double[]>> passes) {
        if (passes == null) {
            throw new IllegalArgumentException("passes must not be null");
        }
        return consumer -> {
            Iterator<double[]> it = Objects.requireNonNull(passes.get(), "the supplier gave a null iterator");
            long index = 0;
            while (it.hasNext()) {
                double[] c = it.next();
                if (c == null) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "chunk %d is null", index));
                }
                consumer.accept(c, 0, c.length);
                index++;
            }
        };
    }

    /**
     * A source whose every pass reads a fresh {@link DoubleStream} from the supplier, cut into
     * chunks of {@code chunkSize} values held in one reused buffer.
     *
     * @param passes gives a new stream over the same values on each call
     * @param chunkSize values per chunk, ≥ 1
     * @return the source
     * @throws IllegalArgumentException if passes is null or chunkSize &lt; 1
     */
    static ChunkSource ofStreams(Supplier<? extends DoubleStream> passes, int chunkSize) {
        if (passes == null) {
            throw new IllegalArgumentException("passes must not be null");
        }
        checkChunkSize(chunkSize);
        return consumer -> {
            double[] buffer = new double[chunkSize];
            try (DoubleStream s = Objects.requireNonNull(passes.get(), "the supplier gave a null stream")) {
                PrimitiveIterator.OfDouble it = s.iterator();
                int k = 0;
                while (it.hasNext()) {
                    buffer[k++] = it.nextDouble();
                    if (k == chunkSize) {
                        consumer.accept(buffer, 0, k);
                        k = 0;
                    }
                }
                if (k > 0) {
                    consumer.accept(buffer, 0, k);
                }
            }
        };
    }

    /**
     * A source of {@code count} values made on the fly by a generator, in chunks of
     * {@code chunkSize} held in one buffer per pass; nothing is stored between passes, so the
     * count may exceed the largest array.
     *
     * @param count number of values, ≥ 0
     * @param chunkSize values per chunk, ≥ 1
     * @param generator fills each chunk; must be deterministic
     * @return the source
     * @throws IllegalArgumentException if count &lt; 0, chunkSize &lt; 1 or generator is null
     */
    static ChunkSource generated(long count, int chunkSize, ChunkGenerator generator) {
        if (count < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "count (%d) must be >= 0", count));
        }
        checkChunkSize(chunkSize);
        if (generator == null) {
            throw new IllegalArgumentException("generator must not be null");
        }
        return consumer -> {
            double[] buffer = new double[(int) Math.min(chunkSize, Math.max(count, 1))];
            for (long first = 0; first < count; first += buffer.length) {
                int len = (int) Math.min(buffer.length, count - first);
                generator.fill(first, buffer, len);
                consumer.accept(buffer, 0, len);
            }
        };
    }

    private static void checkChunkSize(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "chunkSize (%d) must be >= 1", chunkSize));
        }
    }

    private static double[][] checkChunks(double[][] chunks) {
        for (int i = 0; i < chunks.length; i++) {
            if (chunks[i] == null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "chunks[%d] must not be null", i));
            }
        }
        return chunks;
    }
}
