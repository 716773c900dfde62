package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.Distribution;
import io.redistributor.LearnedDistribution;
import io.redistributor.io.ModelIO;
import io.redistributor.io.RedistributorModel;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fit modes on a file of several chunks (about 4 MB, so the reader hands out more than one
 * chunk and the exact fit merges per-thread partials), checked against the in-memory fit of the
 * same values, which is the independent reference.
 */
class FitModesTest {
    @TempDir
    static Path dir;

    static Path data;
    static double[] a;
    static double[] b;

    @BeforeAll
    static void generate() throws IOException {
        int n = 120_000;
        SplittableRandom rng = new SplittableRandom(99);
        a = new double[n];
        b = new double[n];
        data = dir.resolve("gen.csv");
        try (Writer w = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
            w.write("id,a,b,label\n");
            int kb = 0;
            for (int i = 0; i < n; i++) {
                a[i] = Math.exp(rng.nextGaussian());
                double bi = Math.floor(rng.nextDouble() * 1000) / 10;
                w.write(i + "," + a[i] + ",");
                if (i % 1000 == 7) {
                    w.write("");
                } else {
                    w.write(Double.toString(bi));
                    b[kb++] = bi;
                }
                w.write(",x" + (i % 3) + "\n");
            }
            b = Arrays.copyOf(b, kb);
        }
    }

    static LearnedDistribution source(Path model, String column) throws IOException {
        RedistributorModel m = ModelIO.read(model);
        Distribution d = m.get(column).source();
        assertTrue(d instanceof LearnedDistribution, d::toString);
        return (LearnedDistribution) d;
    }

    @Test
    void exactFitEqualsTheInMemoryFitAndSkipsMissingCells() throws IOException {
        Path model = dir.resolve("exact.json");
        Run r = Run.of("fit", data, "--columns", "a,b", "-o", model, "--bins", "1000", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        LearnedDistribution fa = source(model, "a");
        LearnedDistribution fb = source(model, "b");
        LearnedDistribution.Fitter f = LearnedDistribution.fitter().withBins(1000);
        assertArrayEquals(f.fit(a).values(), fa.values(), 0.0);
        assertArrayEquals(f.fit(b).values(), fb.values(), 0.0);
        assertEquals(b.length, fb.count(), "missing cells are skipped");
    }

    @Test
    void subsampledFitCountsValuesInFileOrder() throws IOException {
        Path model = dir.resolve("sub.json");
        Run r = Run.of("fit", data, "--columns", "a", "-o", model, "--subsample", "7", "--bins", "500");
        assertEquals(0, r.code(), r::toString);
        LearnedDistribution expected = LearnedDistribution.fitter().withSubsample(7).withBins(500).fit(a);
        assertArrayEquals(expected.values(), source(model, "a").values(), 0.0);
    }

    @Test
    void sketchFitStaysWithinItsRankError() throws IOException {
        Path model = dir.resolve("sketch.json");
        double eps = 0.01;
        Run r = Run.of("fit", data, "--columns", "a", "-o", model, "--approx-error", eps, "--bins", "101");
        assertEquals(0, r.code(), r::toString);
        LearnedDistribution approx = source(model, "a");
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        long[] ranks = LearnedDistribution.latticeRanks(sorted.length, 101);
        double[] v = approx.values();
        for (int i = 0; i < v.length; i++) {
            int rank = Arrays.binarySearch(sorted, v[i]);
            // The KLL bound: each lattice value's rank is within eps * n of the exact lattice rank
            // (with at least 99 % confidence over the coins; the sketch is seeded, so this fixed data gives
            // the same lattice on every run and passes with margin).
            assertTrue(Math.abs(rank - ranks[i]) <= eps * sorted.length, "lattice point " + i + ": rank " + rank
                + " vs " + ranks[i]);
        }
    }

    @Test
    void sketchFitIsTheSameForAnyThreadCount() throws IOException {
        // the 120 000-row file spans two 2 MiB chunks and the sketches compact (k = 549 for 1 %),
        // so a merge order that followed the scheduler would show up as different lattices
        LearnedDistribution[] first = null;
        for (String threads : new String[] {"1", "2", "2", "3"}) {
            Path model = dir.resolve("sketch-t" + threads + ".json");
            Run r = Run.of("fit", data, "--columns", "a,b", "-o", model, "--approx-error", "0.01",
                "--threads", threads);
            assertEquals(0, r.code(), r::toString);
            LearnedDistribution[] fits = {source(model, "a"), source(model, "b")};
            if (first == null) {
                first = fits;
            } else {
                for (int c = 0; c < fits.length; c++) {
                    assertArrayEquals(first[c].values(), fits[c].values(), 0.0, "--threads " + threads);
                    assertArrayEquals(first[c].probabilities(), fits[c].probabilities(), 0.0);
                }
            }
        }
    }

    @Test
    void targetDataGivesEachColumnTheReferenceDistribution() throws IOException {
        Path model = dir.resolve("tdata.json");
        Path out = dir.resolve("tdata.csv");
        Run r = Run.of("fit", data, "--columns", "a", "-o", model, "--target-data", data + ":b", "--bins", "200");
        assertEquals(0, r.code(), r::toString);
        Distribution target = ModelIO.read(model).get("a").target();
        assertArrayEquals(LearnedDistribution.fit(b).values(), ((LearnedDistribution) target).values(), 0.0);
        assertEquals(0, Run.of("transform", data, "--model", model, "-o", out).code());
    }

    @Test
    void kernelDensitySourceIsFittedOrRefusedInOneLine() throws IOException {
        Path small = dir.resolve("small.csv");
        StringBuilder sb = new StringBuilder("v\n");
        for (int i = 0; i < 300; i++) {
            sb.append(a[i]).append('\n');
        }
        Files.writeString(small, sb);
        Path model = dir.resolve("kde.json");
        Run r = Run.of("fit", small, "-o", model, "--kde", "--bandwidth", "silverman");
        if (r.code() == 0) {
            Path out = dir.resolve("kde-out.csv");
            assertEquals(0, Run.of("transform", small, "--model", model, "-o", out).code());
        } else {
            // The model format of this build cannot store a kernel density yet: the error must say so.
            assertEquals(ExitCodes.DATA, r.code(), r::toString);
            assertEquals(1, r.err().lines().count(), r::toString);
            assertTrue(r.err().contains("KernelDensity"), r::toString);
            assertTrue(Files.notExists(model));
        }
    }

    @Test
    void badFitOptionsAreUsageErrors() {
        Run r = Run.of("fit", data, "-o", dir.resolve("x.json"), "--approx-error", "2");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("--approx-error 2.0 must be in (0, 1)"), r::toString);
        Run t = Run.of("fit", data, "-o", dir.resolve("x.json"), "--target", "normal:0,-1");
        assertEquals(ExitCodes.USAGE, t.code(), t::toString);
        assertTrue(t.err().contains("--target 'normal:0,-1'"), t::toString);
        Run b = Run.of("fit", data, "-o", dir.resolve("x.json"), "--bandwidth", "scott");
        assertEquals(ExitCodes.USAGE, b.code(), b::toString);
        assertTrue(Files.notExists(dir.resolve("x.json")));
    }
}
