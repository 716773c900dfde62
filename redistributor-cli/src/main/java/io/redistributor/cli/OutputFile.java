package io.redistributor.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An output written safely: the content goes to a hidden temporary file in the same directory,
 * which is renamed onto the target only when {@link #commit()} is called. Closing without a
 * commit deletes the temporary file, so a failed command leaves no partial output behind; so does
 * a command stopped by a signal, through {@link TemporaryFiles}.
 *
 * <p>Typical use: {@code try (OutputFile o = OutputFile.create(out)) { write(o.temp()); o.commit(); }}
 */
final class OutputFile implements Closeable {
    private static final AtomicLong COUNTER = new AtomicLong(System.nanoTime());

    private final Path target;
    private final Path temp;
    private boolean committed;

    private OutputFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Creates the temporary file beside the target. The temporary name keeps the target's
     * extension, so writers that choose a format by extension behave the same.
     *
     * @param target the final path
     * @return the output
     * @throws IOException if the directory does not exist or is not writable
     */
    static OutputFile create(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": directory " + dir + " does not exist");
        }
        String name = abs.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot) : "";
        while (true) {
            Path temp = abs.resolveSibling(String.format(Locale.ROOT, ".%s.%x.tmp%s", name,
                COUNTER.incrementAndGet() & 0xffffffL, ext));
            try {
                Files.createFile(temp);
                TemporaryFiles.register(temp);
                return new OutputFile(target, temp);
            } catch (FileAlreadyExistsException e) {
                // another writer took this name; try the next one
            }
        }
    }

    /** @return the temporary file to write */
    Path temp() {
        return temp;
    }

    /** @return the final path */
    Path target() {
        return target;
    }

    /**
     * Renames the temporary file onto the target (atomically where the file system allows).
     *
     * @throws IOException if the rename fails
     */
    void commit() throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        TemporaryFiles.release(temp);
    }

    /** Deletes the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            Files.deleteIfExists(temp);
            TemporaryFiles.release(temp);
        }
    }

    /**
     * Gives a file written by another writer the permissions a newly created file gets in its
     * directory (the user's umask), on POSIX file systems. Writers that go through
     * {@code Files.createTempFile} otherwise leave files readable by their owner only.
     *
     * @param file the written file
     * @throws IOException if the permissions cannot be read or set
     */
    static void useDefaultPermissions(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (OutputFile probe = create(file)) {
            Files.setPosixFilePermissions(file, Files.getPosixFilePermissions(probe.temp()));
        }
    }

    /**
     * Refuses an output path that names one of the inputs, unless {@code force} is set.
     *
     * @param output the output
     * @param inputs the inputs of the command
     * @param force whether the user allowed overwriting an input
     * @throws CliException (usage) if the output is an input and force is false
     */
    static void checkNotInput(Path output, Collection<Path> inputs, boolean force) {
        if (force) {
            return;
        }
        for (Path in : inputs) {
            if (in != null && same(output, in)) {
                throw CliException.usage(String.format(Locale.ROOT,
                    "refusing to overwrite the input %s with the output; pass --force to allow it", in));
            }
        }
    }

    private static boolean same(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
