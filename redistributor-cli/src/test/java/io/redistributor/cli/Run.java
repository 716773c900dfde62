package io.redistributor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs the command line in-process with captured stdout and stderr. */
record Run(int code, String out, String err) {

    static Run of(Object... args) {
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = String.valueOf(args[i]);
        }
        CommandLine cl = Cli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(a);
        return new Run(code, out.toString(), err.toString());
    }

    /** The shared data directory, set by the build (root pom) as a system property. */
    static Path shared() {
        String dir = System.getProperty("redistributor.shared.dir");
        if (dir == null) {
            throw new IllegalStateException("system property redistributor.shared.dir is not set (run through Maven)");
        }
        return Path.of(dir);
    }

    /** The names of the files in a directory, sorted (to check that nothing was left behind). */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Override
    public String toString() {
        return "exit " + code + "\nstdout: " + out + "\nstderr: " + err;
    }
}
