package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Temporary outputs and column copies are removed whether the command commits, fails, or is
 * stopped from outside (a signal or {@code System.exit}) while they exist.
 */
class TemporaryFilesTest {
    @Test
    void outputsAreRegisteredUntilCommittedOrClosed(@TempDir Path dir) throws IOException {
        Path committedTemp;
        try (OutputFile out = OutputFile.create(dir.resolve("a.csv"))) {
            committedTemp = out.temp();
            assertTrue(TemporaryFiles.isRegistered(committedTemp));
            Files.writeString(out.temp(), "x\n");
            out.commit();
            assertFalse(TemporaryFiles.isRegistered(committedTemp));
        }
        Path abandoned;
        try (OutputFile out = OutputFile.create(dir.resolve("b.csv"))) {
            abandoned = out.temp();
            assertTrue(TemporaryFiles.isRegistered(abandoned));
        }
        assertFalse(TemporaryFiles.isRegistered(abandoned));
        assertEquals(List.of(dir.resolve("a.csv")), list(dir));
    }

    @Test
    void spillFilesAreRegisteredUntilClosed(@TempDir Path dir) throws IOException {
        Path spill;
        try (SpillFile s = new SpillFile(dir)) {
            s.write(new double[] {1, 2, 3}, 3);
            List<Path> files = list(dir);
            assertEquals(1, files.size());
            spill = files.get(0);
            assertTrue(TemporaryFiles.isRegistered(spill));
        }
        assertFalse(TemporaryFiles.isRegistered(spill));
        assertEquals(List.of(), list(dir));
    }

    /**
     * A separate JVM opens an output and a column copy, says so, and then either waits to be
     * stopped with SIGTERM (what Ctrl-C and {@code kill} send) or calls {@code System.exit}. Both
     * files must be gone when it has exited. Before the shutdown hook, both stayed behind.
     */
    @ParameterizedTest
    @ValueSource(strings = {"signal", "exit"})
    void aStoppedCommandLeavesNoTemporaryFiles(String how, @TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            Child.class.getName(), dir.toString(), how).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", r.readLine());
            assertEquals(2, list(dir).size(), "the child's two temporary files exist while it runs");
            if (how.equals("signal")) {
                p.destroy();
            } else {
                // the child exits only when told, after the files were counted
                p.getOutputStream().write('\n');
                p.getOutputStream().flush();
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child exits");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of(), list(dir));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    /** The stopped command of {@link #aStoppedCommandLeavesNoTemporaryFiles}. */
    static final class Child {
        private Child() {
        }

        /**
         * Opens an output and a column copy in the directory, prints "ready", then exits with
         * status 3 once a line arrives on its standard input ("exit") or waits to be stopped
         * ("signal").
         *
         * @param args the directory and how to stop
         * @throws Exception never expected
         */
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            OutputFile out = OutputFile.create(dir.resolve("out.csv"));
            Files.writeString(out.temp(), "partial\n");
            SpillFile spill = new SpillFile(dir);
            spill.write(new double[] {1, 2}, 2);
            System.out.println("ready");
            System.out.flush();
            if (args[1].equals("exit")) {
                System.in.read();
                System.exit(3);
            }
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
