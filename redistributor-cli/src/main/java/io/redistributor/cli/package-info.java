/**
 * The {@code redistributor} command line: picocli commands that parse arguments, read and write
 * files, and call the library (core, image, stream, persistence). {@link io.redistributor.cli.Main}
 * is the entry point; {@link io.redistributor.cli.Cli} builds the command line with its error
 * handling; {@link io.redistributor.cli.ExitCodes} lists the exit codes. The CSV engine (chunked
 * parallel reading, exact number parsing and formatting) and the atomic output files are internal.
 */
package io.redistributor.cli;
