package io.redistributor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run from which the launcher makes its class data sharing archive
 * ({@code -XX:ArchiveClassesAtExit}): it runs {@code --help}, {@code fit} (with
 * {@code --transform-output}), {@code transform} and {@code inspect} on a small generated CSV file
 * in a temporary directory, so that the classes those commands load (the CSV pipeline, the model
 * reader and writer, Jackson) are archived and load faster in every later command. Nothing is
 * printed; the temporary directory is removed at the end.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    /**
     * Runs the training commands.
     *
     * @param args ignored
     * @throws IOException if the temporary files cannot be written or removed
     * @throws IllegalStateException if a command fails (the launcher then makes no archive)
     */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("redistributor-cds");
        try {
            Path data = dir.resolve("data.csv");
            Files.writeString(data, sample(), StandardCharsets.UTF_8);
            String d = data.toString();
            String model = dir.resolve("model.json").toString();
            run("--help");
            run("fit", d, "-o", model, "--transform-output", dir.resolve("fitted.csv").toString());
            run("transform", d, "--model", model, "-o", dir.resolve("out.csv").toString());
            run("inspect", model);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A few thousand rows of two numeric columns and a quoted text column, with missing cells. */
    private static String sample() {
        StringBuilder b = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 4000; i++) {
            double x = Math.sin(i * 0.37) * 10 + i * 1e-3;
            String y = i % 97 == 5 ? "" : Double.toString(Math.exp((i % 113) / 40.0));
            b.append(String.format(Locale.ROOT, "%s,%s,\"row %d, part %d\"%n", Double.toString(x), y, i, i % 3));
        }
        return b.toString();
    }

    private static void run(String... args) {
        CommandLine cl = Cli.commandLine();
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        cl.setOut(sink);
        cl.setErr(sink);
        int code = cl.execute(args);
        if (code != ExitCodes.OK) {
            throw new IllegalStateException("training command " + String.join(" ", args) + " exited with " + code);
        }
    }
}
