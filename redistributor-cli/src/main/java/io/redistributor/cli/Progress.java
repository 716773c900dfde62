package io.redistributor.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, shown only when the process runs in a terminal (a console
 * is attached) so that logs and pipes stay clean. Thread-safe.
 */
final class Progress {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long total;
    private final String unit;
    private final boolean enabled;
    private long done;
    private long lastDraw;

    /**
     * Creates a progress bar.
     *
     * @param err where to draw
     * @param total the amount of work, at least 1
     * @param unit the unit shown after the counts (e.g. "files")
     * @param enabled whether to draw at all
     */
    Progress(PrintWriter err, long total, String unit, boolean enabled) {
        this.err = err;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.enabled = enabled;
    }

    /**
     * Whether a progress bar should be drawn by default: only when a terminal is attached.
     *
     * @return true on a terminal
     */
    static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        // From Java 22 a console may exist with its streams redirected; isTerminal() says which.
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /**
     * Records finished work and redraws at most ten times a second (and at the end).
     *
     * @param amount work just finished
     */
    synchronized void step(long amount) {
        done += amount;
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        err.print(String.format(Locale.ROOT, "\r[%s%s] %d/%d %s", "#".repeat(filled), ".".repeat(WIDTH - filled),
            done, total, unit));
        if (done >= total) {
            err.println();
        }
        err.flush();
    }

    /** Ends the line if the bar was drawn but did not reach the end (e.g. after failures). */
    synchronized void finish() {
        if (enabled && done < total) {
            err.println();
            err.flush();
        }
    }
}
