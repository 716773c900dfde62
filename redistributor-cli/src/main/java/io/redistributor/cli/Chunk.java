package io.redistributor.cli;

/**
 * A run of whole CSV records read from a file: {@code data[start, end)} holds complete records
 * (the last may lack its line terminator at the end of the file).
 *
 * @param data the bytes (owned by the chunk; not shared with the reader)
 * @param start first byte of the first record
 * @param end end of the last record, exclusive
 * @param firstLine 1-based physical line number of the first record
 */
record Chunk(byte[] data, int start, int end, long firstLine) {
}
