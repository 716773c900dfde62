package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher's class-sharing training run: every command in it must succeed (a failing one
 * throws, and the launcher would then make no archive), and it must remove its temporary files.
 */
class CdsTrainingTest {
    @Test
    void runsItsCommandsAndCleansUp() throws IOException {
        List<Path> before = trainingDirs();
        CdsTraining.main(new String[0]);
        assertEquals(before, trainingDirs());
    }

    private static List<Path> trainingDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("redistributor-cds")).sorted()
                .collect(Collectors.toList());
        }
    }
}
