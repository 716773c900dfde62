package io.redistributor.cli;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Processes the chunks of a {@link CsvInput} (or any sequence of work items) on worker threads
 * and hands the results to a sink in file order on the calling thread. At most
 * {@code 2 × threads + 1} chunks are in flight, so memory is bounded independently of the file
 * size. Each chunk's result depends only on the chunk, so the output is the same for any number
 * of threads.
 */
final class ChunkPipeline {
    private ChunkPipeline() {
    }

    /**
     * The work on one chunk, run on a worker thread.
     *
     * @param <R> the result type
     */
    @FunctionalInterface
    interface Work<R> {
        /**
         * Works on one chunk.
         *
         * @param chunk the chunk; its bytes are reused once this returns
         * @return the result, which must not refer to the chunk's bytes
         * @throws IOException if reading something the work needs fails (it ends the run)
         */
        R apply(Chunk chunk) throws IOException;
    }

    /** What to do with each chunk's result, in file order. */
    @FunctionalInterface
    interface Sink<R> {
        /**
         * Receives one result.
         *
         * @param result the result of the next chunk in file order
         * @throws IOException if writing fails
         */
        void accept(R result) throws IOException;
    }

    /**
     * Runs the pipeline to the end of the input.
     *
     * @param input the input (its header already read)
     * @param threads number of worker threads, at least 1
     * @param work the per-chunk work (thread-safe; may throw {@link CliException} or an
     *     IOException, rethrown here as it is); the chunk's bytes are reused for a later chunk once
     *     it returns, so the result must not refer to them
     * @param sink the consumer of results, called on this thread in order
     * @param <R> the result type
     * @throws IOException if reading, the work or the sink fails
     */
    static <R> void run(CsvInput input, int threads, Work<R> work, Sink<R> sink) throws IOException {
        run(input::next, threads, chunk -> {
            R result = work.apply(chunk);
            input.recycle(chunk);
            return result;
        }, sink);
    }

    /**
     * A sequence of work items, taken on the calling thread.
     *
     * @param <T> the item type
     */
    @FunctionalInterface
    interface Source<T> {
        /**
         * The next item.
         *
         * @return the item, or null at the end
         * @throws IOException if reading it fails
         */
        T next() throws IOException;
    }

    /**
     * The work on one item, run on a worker thread.
     *
     * @param <T> the item type
     * @param <R> the result type
     */
    @FunctionalInterface
    interface Step<T, R> {
        /**
         * Works on one item.
         *
         * @param item the item
         * @return the result
         * @throws IOException if reading or writing something the work needs fails (it ends the run)
         */
        R apply(T item) throws IOException;
    }

    /**
     * Runs the pipeline over any items: as {@link #run(CsvInput, int, Work, Sink)}, with at most
     * {@code 2 × threads + 1} items in flight and the results handed to the sink in order.
     *
     * @param source the items, taken on this thread
     * @param threads number of worker threads, at least 1
     * @param work the per-item work (thread-safe)
     * @param sink the consumer of results, called on this thread in order
     * @param <T> the item type
     * @param <R> the result type
     * @throws IOException if the source, the work or the sink fails
     */
    static <T, R> void run(Source<T> source, int threads, Step<T, R> work, Sink<R> sink) throws IOException {
        ThreadFactory daemon = r -> {
            Thread t = new Thread(r, "redistributor-csv");
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon);
        ArrayDeque<Future<R>> inFlight = new ArrayDeque<>();
        int maxInFlight = 2 * threads + 1;
        try {
            for (T item = source.next(); item != null; item = source.next()) {
                T next = item;
                inFlight.add(pool.submit(() -> work.apply(next)));
                if (inFlight.size() >= maxInFlight) {
                    sink.accept(join(inFlight.poll(), ""));
                }
            }
            while (!inFlight.isEmpty()) {
                sink.accept(join(inFlight.poll(), ""));
            }
        } finally {
            for (Future<R> f : inFlight) {
                f.cancel(true);
            }
            pool.shutdownNow();
        }
    }

    /**
     * Waits for a task that may fail with an {@link IOException}: its IOException, runtime
     * exception or error is rethrown as it is, any other failure becomes an IOException, and an
     * interrupt (kept set) becomes an IOException saying "interrupted" followed by {@code during}.
     */
    static <R> R join(Future<R> f, String during) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted" + during, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException(cause);
        }
    }

    /**
     * The default number of worker threads: the available processors.
     *
     * @return at least 1
     */
    static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
