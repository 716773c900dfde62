package io.redistributor.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;

/**
 * Writes the CSV file of the command line's performance measurement (docs/cli.md): a header
 * {@code a,b,c,d,e} and ROWS records of five numeric columns printed in full precision with
 * {@link Double#toString(double)}: a standard normal, a lognormal, a uniform on [0, 1000), an
 * exponential of mean 3 and a normal of mean 10⁴ and sd 50. The same seed gives the same file.
 * It depends on nothing but the JDK, so it runs as a single source file:
 *
 * <pre>java redistributor-cli/src/test/java/io/redistributor/cli/BenchmarkCsv.java big.csv 10000000 42</pre>
 */
public final class BenchmarkCsv {
    private BenchmarkCsv() {
    }

    /**
     * Writes the file.
     *
     * @param args output path, number of rows (default 10⁷), seed (default 42)
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: BenchmarkCsv OUT.csv [ROWS [SEED]]");
            System.exit(2);
        }
        Path out = Paths.get(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".benchmark-", ".tmp");
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder line = new StringBuilder(128);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            os.write("a,b,c,d,e\n".getBytes(StandardCharsets.US_ASCII));
            for (long r = 0; r < rows; r++) {
                line.setLength(0);
                line.append(rng.nextGaussian()).append(',')
                    .append(Math.exp(rng.nextGaussian())).append(',')
                    .append(rng.nextDouble() * 1000).append(',')
                    .append(-3 * Math.log1p(-rng.nextDouble())).append(',')
                    .append(10_000 + 50 * rng.nextGaussian()).append('\n');
                for (int i = 0; i < line.length(); i++) {
                    os.write(line.charAt(i));
                }
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
