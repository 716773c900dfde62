package io.redistributor.io;

import io.redistributor.KernelDensity;
import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import io.redistributor.TiePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The models behind the committed golden files of format version 1, built from fixed data.
 *
 * <p>The files in {@code src/test/resources/io/redistributor/io/golden} were written once by
 * {@link #main} and are committed; they must never be regenerated for version 1, because the tests
 * check that files written by the first release keep loading. A new format version, or a new
 * distribution type within version 1, gets new files.
 */
final class GoldenModels {

    /** Resource folder of the golden files. */
    static final String DIR = "/io/redistributor/io/golden/";
    static final String COLUMNS = "v1-columns.json";
    static final String SINGLE = "v1-single.json";
    /** Added to version 1 with the kernel density type. */
    static final String KDE = "v1-kde.json";

    private GoldenModels() {
    }

    /** 40 fixed, skewed, distinct values. */
    static double[] skewed() {
        double[] x = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(1.37, i % 17) + 0.01 * i;
        }
        return x;
    }

    /** Three columns covering every distribution type as source and as target. */
    static RedistributorModel columns() {
        LearnedDistribution alcohol = LearnedDistribution.fitter().withBins(25).fit(skewed());
        double[] counts = {0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 5, 5, 6, 7, 8, 9, 9};
        LearnedDistribution bounded = LearnedDistribution.fitter().withBins(12).withLower(-0.5).withUpper(10)
            .fit(counts);
        double[] target = {-2.5, -1, -0.25, 0, 0.5, 0.75, 2, 4.125};
        LearnedDistribution learnedTarget = LearnedDistribution.fit(target);
        return RedistributorModel.builder()
            .add("alcohol", Redistributor.of(alcohol, ParametricDistribution.normal(10, 2)))
            .add("counts", Redistributor.of(bounded, ParametricDistribution.uniform(-1, 1)))
            .add("laplace to learned", Redistributor.of(ParametricDistribution.of("laplace", 0.5, 1.5), learnedTarget))
            .libraryVersion("0.1.0-SNAPSHOT")
            .creation("GoldenModels.main (format version 1 golden file)", Instant.parse("2026-11-27T13:00:00Z"))
            .property("purpose", "golden file of model format version 1")
            .build();
    }

    /** One transform with a jittered lattice and an exponential target, no creation information. */
    static RedistributorModel single() {
        double[] x = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3};
        LearnedDistribution s = LearnedDistribution.fitter().withTies(TiePolicy.JITTER).withSeed(42).withBins(12).fit(x);
        return RedistributorModel.builder()
            .add(RedistributorModel.DEFAULT_COLUMN, Redistributor.of(s, ParametricDistribution.exponential(2)))
            .libraryVersion("0.1.0-SNAPSHOT")
            .build();
    }

    /** 30 fixed values for the kernel density. */
    static double[] kdeData() {
        double[] x = new double[30];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(1.7 * i) * 2 + (i % 4) * 0.5;
        }
        return x;
    }

    /** A kernel density as a source and as a target. */
    static RedistributorModel kde() {
        KernelDensity k = KernelDensity.of(kdeData(), 0.4, 200);
        return RedistributorModel.builder()
            .add("kde to normal", Redistributor.of(k, ParametricDistribution.standardNormal()))
            .add("logistic to kde", Redistributor.of(ParametricDistribution.of("logistic", 1, 0.5), k))
            .libraryVersion("0.1.0-SNAPSHOT")
            .build();
    }

    /**
     * Writes the golden files that do not exist yet into a directory (files already committed
     * are never rewritten).
     *
     * @param args the directory
     * @throws IOException if writing fails
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Map<String, RedistributorModel> files = Map.of(COLUMNS, columns(), SINGLE, single(), KDE, kde());
        for (Map.Entry<String, RedistributorModel> e : files.entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (!Files.exists(file)) {
                ModelIO.write(e.getValue(), file);
            }
        }
    }
}
