package io.redistributor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Builds the configured {@link CommandLine} and turns every failure into one line on stderr plus
 * an exit code from {@link ExitCodes}; {@code --verbose} adds the stack trace.
 */
public final class Cli {
    private Cli() {
    }

    /**
     * The command line of {@code redistributor} with its error handling.
     *
     * @return a new, independent command line (set its out and err writers to capture output)
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RedistributorCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(Cli::handleExecution);
        cl.setParameterExceptionHandler(Cli::handleParameter);
        return cl;
    }

    private static int handleParameter(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(String.format(Locale.ROOT, "%s: %s (see '%s --help')", cmd.getCommandSpec().qualifiedName(),
            oneLine(ex.getMessage()), cmd.getCommandSpec().qualifiedName()));
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int handleExecution(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(message(ex)));
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCode(ex);
    }

    /**
     * The exit code for an exception thrown by a command.
     *
     * @param ex the exception
     * @return {@link ExitCodes#DATA} for invalid values, {@link ExitCodes#IO} for file errors,
     *     the code carried by a {@link CliException}, else {@link ExitCodes#INTERNAL}
     */
    static int exitCode(Throwable ex) {
        if (ex instanceof CliException) {
            return ((CliException) ex).exitCode();
        }
        if (ex instanceof CommandLine.ParameterException) {
            return ExitCodes.USAGE;
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            return ExitCodes.IO;
        }
        if (ex instanceof IllegalArgumentException) {
            return ExitCodes.DATA;
        }
        return ExitCodes.INTERNAL;
    }

    /**
     * A readable one-line message for an exception: file errors say which file and why.
     *
     * @param ex the exception
     * @return the message
     */
    static String message(Throwable ex) {
        Throwable t = ex instanceof UncheckedIOException ? ex.getCause() : ex;
        if (t instanceof NoSuchFileException) {
            return "cannot read " + ((NoSuchFileException) t).getFile() + ": no such file";
        }
        if (t instanceof AccessDeniedException) {
            return ((AccessDeniedException) t).getFile() + ": permission denied";
        }
        if (t instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) t;
            return f.getFile() + ": " + (f.getReason() == null ? t.getClass().getSimpleName() : f.getReason());
        }
        if (t instanceof CliException || t instanceof IllegalArgumentException || t instanceof IOException) {
            return String.valueOf(t.getMessage());
        }
        return "internal error: " + t + " (run with --verbose for the stack trace)";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').strip();
    }

    private static boolean verbose(ParseResult pr) {
        for (ParseResult r = pr; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
