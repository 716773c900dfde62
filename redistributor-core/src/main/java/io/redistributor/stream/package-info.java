/**
 * Fits of data beyond one array.
 *
 * <ul>
 *   <li>{@link io.redistributor.stream.ChunkSource}: data as re-readable chunks (chunk lists,
 *       iterators, streams, generators).</li>
 *   <li>{@link io.redistributor.stream.ChunkedFitter}: exact fits over a chunk source in a few
 *       passes with bounded memory; equal to the in-memory fit.</li>
 *   <li>{@link io.redistributor.stream.ExactPlan} and {@link io.redistributor.stream.ExactPartial}:
 *       the same exact fit split into mergeable, serializable partials for parallel and
 *       distributed use.</li>
 *   <li>{@link io.redistributor.stream.SketchFit}: a one-pass approximate fit from a mergeable,
 *       seeded KLL quantile sketch with a proven rank-error bound.</li>
 * </ul>
 */
package io.redistributor.stream;
