package io.redistributor.cli;

/**
 * The exit codes of the {@code redistributor} command (documented in docs/cli.md and in the
 * {@code --help} footer).
 */
public final class ExitCodes {
    /** Everything requested was done. */
    public static final int OK = 0;
    /** A batch finished but some of its inputs failed; each failure was reported on stderr. */
    public static final int PARTIAL = 1;
    /** The command line is wrong: unknown option, bad value, or an output that would overwrite an input. */
    public static final int USAGE = 2;
    /** An input's content is invalid: non-numeric cell, missing column, mismatched model, unreadable image. */
    public static final int DATA = 3;
    /** A file could not be read or written (missing, no permission, disk full). */
    public static final int IO = 4;
    /** An unexpected internal error (a bug); run with --verbose and report the stack trace. */
    public static final int INTERNAL = 5;

    private ExitCodes() {
    }
}
