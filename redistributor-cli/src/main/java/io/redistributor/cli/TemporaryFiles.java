package io.redistributor.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command's temporary files that still exist: the hidden outputs of {@link OutputFile} and
 * the binary column copies of {@link SpillFile}. A command that ends normally removes each of them
 * itself (commit, rename or close). A command stopped by a signal (Ctrl-C, {@code kill}) or by
 * {@code System.exit} would otherwise leave them behind; a shutdown hook, installed once with the
 * first registration, deletes whatever is still registered when the JVM exits. A JVM killed
 * without running its shutdown hooks ({@code kill -9}, a crash) can still leave them; they are
 * named {@code .NAME.HEX.tmp.EXT} and {@code .redistributor-fit-*.tmp} beside the output.
 *
 * <p>Thread-safe; registering or removing costs one set operation per file, not per value.
 */
final class TemporaryFiles {
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private TemporaryFiles() {
    }

    /**
     * Registers a temporary file, to be deleted at JVM exit unless {@link #release} is called
     * first.
     *
     * @param file the file (absolute or relative to the working directory)
     */
    static void register(Path file) {
        installHook();
        OPEN.add(file.toAbsolutePath());
    }

    /**
     * Forgets a file that was renamed or deleted by its owner. Unknown files are ignored.
     *
     * @param file the file given to {@link #register}
     */
    static void release(Path file) {
        OPEN.remove(file.toAbsolutePath());
    }

    /**
     * Whether a file is registered (for tests).
     *
     * @param file the file
     * @return true while it is registered
     */
    static boolean isRegistered(Path file) {
        return OPEN.contains(file.toAbsolutePath());
    }

    /**
     * Deletes every registered file and forgets it; what the shutdown hook runs. Files already
     * gone are skipped, and a file that cannot be deleted does not stop the others.
     *
     * @return how many files were deleted
     */
    static int deleteAll() {
        int deleted = 0;
        for (Path p : new ArrayList<>(OPEN)) {
            OPEN.remove(p);
            try {
                if (Files.deleteIfExists(p)) {
                    deleted++;
                }
            } catch (IOException | SecurityException e) {
                // best effort at exit: nothing useful can be reported from a shutdown hook
            }
        }
        return deleted;
    }

    private static void installHook() {
        if (hooked) {
            return;
        }
        synchronized (TemporaryFiles.class) {
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(TemporaryFiles::deleteAll,
                    "redistributor-temporary-files"));
                hooked = true;
            }
        }
    }
}
