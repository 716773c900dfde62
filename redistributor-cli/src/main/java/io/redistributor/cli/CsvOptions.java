package io.redistributor.cli;

import picocli.CommandLine.Option;

/** Options shared by the commands that read CSV files (a picocli mixin). */
final class CsvOptions {
    @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",",
        description = "Field delimiter of the CSV files, one ASCII character (default: ${DEFAULT-VALUE}; \\t for tab).")
    String delimiter;

    @Option(names = "--threads", paramLabel = "N",
        description = "Worker threads for parsing (default: the number of processors).")
    Integer threads;

    /**
     * The delimiter as a byte.
     *
     * @return the delimiter
     * @throws CliException if it is not one ASCII character other than a quote or line break
     */
    byte delimiter() {
        String d = "\\t".equals(delimiter) ? "\t" : delimiter;
        if (d.length() != 1 || d.charAt(0) > 127 || d.charAt(0) == '"' || d.charAt(0) == '\n'
            || d.charAt(0) == '\r') {
            throw CliException.usage("--delimiter '" + delimiter
                + "' must be one ASCII character other than a double quote or a line break");
        }
        return (byte) d.charAt(0);
    }

    /**
     * The number of worker threads.
     *
     * @return at least 1
     * @throws CliException if --threads is less than 1
     */
    int threads() {
        if (threads == null) {
            return ChunkPipeline.defaultThreads();
        }
        if (threads < 1) {
            throw CliException.usage("--threads " + threads + " must be >= 1");
        }
        return threads;
    }
}
