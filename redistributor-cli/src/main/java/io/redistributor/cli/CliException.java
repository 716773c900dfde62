package io.redistributor.cli;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A failure that the command reports as one line on stderr with an exit code from
 * {@link ExitCodes}. The message names the file and, where it applies, the line and column.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * Creates the exception.
     *
     * @param exitCode one of {@link ExitCodes}
     * @param message the one-line message
     * @param cause the underlying exception, or null
     */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /**
     * The exit code the command ends with.
     *
     * @return one of {@link ExitCodes}
     */
    public int exitCode() {
        return exitCode;
    }

    /**
     * Invalid content at a place in a file.
     *
     * @param file the file
     * @param line 1-based line number, or 0 when not applicable
     * @param column the column's name, or null when not applicable
     * @param message what is wrong
     * @return the exception, exit code {@link ExitCodes#DATA}
     */
    public static CliException data(Path file, long line, String column, String message) {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (column != null) {
            sb.append(String.format(Locale.ROOT, ": column '%s'", column));
        }
        return new CliException(ExitCodes.DATA, sb.append(": ").append(message).toString(), null);
    }

    /**
     * A bad command line.
     *
     * @param message what is wrong
     * @return the exception, exit code {@link ExitCodes#USAGE}
     */
    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message, null);
    }
}
