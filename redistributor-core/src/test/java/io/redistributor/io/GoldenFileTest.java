package io.redistributor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redistributor.KernelDensity;
import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The committed files of format version 1 keep loading, and the transforms they hold give the
 * values computed independently from the stored numbers (plain JSON parsing, {@link LatticeReference}
 * and closed-form or Commons Statistics targets).
 */
class GoldenFileTest {

    /**
     * The reference interpolates in a different order of operations than the library, so
     * probabilities may differ by a few ulp (below 1e-15). Every target quantile used here has a
     * slope below 100 on the probabilities reached, so outputs agree to 1e-12 relative (plus
     * 1e-12 absolute near zero).
     */
    private static final double TOL = 1e-12;

    static String text(String name) throws IOException {
        try (InputStream in = GoldenFileTest.class.getResourceAsStream(GoldenModels.DIR + name)) {
            assertTrue(in != null, "missing golden file " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    private static LatticeReference reference(JsonNode learned) {
        return new LatticeReference(doubles(learned.get("probabilities")), doubles(learned.get("values")),
            learned.get("boundedBelow").booleanValue(), learned.get("boundedAbove").booleanValue());
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN but was " + actual);
            return;
        }
        assertEquals(expected, actual, TOL * Math.abs(expected) + TOL, what);
    }

    /** The stored lattice is exactly what the loaded distribution holds, bit for bit. */
    private static void assertSameLattice(JsonNode stored, LearnedDistribution d) {
        assertArrayEquals(doubles(stored.get("probabilities")), d.probabilities());
        assertArrayEquals(doubles(stored.get("values")), d.values());
        assertEquals(stored.get("count").longValue(), d.count());
        assertEquals(stored.get("bins").intValue(), d.bins());
    }

    private static void checkTransform(Redistributor r, double[] x, DoubleUnaryOperator expected, String what) {
        double[] bulk = r.transform(x);
        for (int i = 0; i < x.length; i++) {
            double e = expected.applyAsDouble(x[i]);
            assertClose(e, r.transform(x[i]), what + " at " + x[i]);
            assertClose(e, bulk[i], what + " (bulk) at " + x[i]);
        }
    }

    @Test
    void columnsFileLoadsWithItsMetadata() throws IOException {
        RedistributorModel m = ModelIO.fromJson(text(GoldenModels.COLUMNS));
        assertEquals(List.of("alcohol", "counts", "laplace to learned"), m.columnNames());
        assertEquals("0.1.0-SNAPSHOT", m.libraryVersion());
        assertEquals(Instant.parse("2026-11-27T13:00:00Z"), m.creation().orElseThrow().at());
        assertEquals("golden file of model format version 1", m.properties().get("purpose"));
    }

    @Test
    void learnedToNormalMatchesTheStoredLattice() throws IOException {
        JsonNode raw = new ObjectMapper().readTree(text(GoldenModels.COLUMNS)).get("columns").get(0);
        Redistributor r = ModelIO.fromJson(text(GoldenModels.COLUMNS)).get("alcohol");
        assertSameLattice(raw.get("source"), (LearnedDistribution) r.source());
        JsonNode params = raw.get("target").get("parameters");
        NormalDistribution normal = NormalDistribution.of(params.get("mean").doubleValue(),
            params.get("sd").doubleValue());
        LatticeReference ref = reference(raw.get("source"));
        checkTransform(r, ref.probePoints(), x -> normal.inverseCumulativeProbability(ref.cdf(x)), "alcohol");
    }

    @Test
    void boundedLatticeWithTiesToUniformMatchesTheStoredLattice() throws IOException {
        JsonNode raw = new ObjectMapper().readTree(text(GoldenModels.COLUMNS)).get("columns").get(1);
        Redistributor r = ModelIO.fromJson(text(GoldenModels.COLUMNS)).get("counts");
        LearnedDistribution source = (LearnedDistribution) r.source();
        assertSameLattice(raw.get("source"), source);
        assertTrue(source.hasTies() && source.boundedBelow() && source.boundedAbove(), "the file has ties and bounds");
        LatticeReference ref = reference(raw.get("source"));
        // uniform(-1, 1): quantile(p) = -1 + 2p; beyond a bound the cdf, and so the output, is NaN
        double[] x = ref.probePoints();
        checkTransform(r, x, v -> -1 + 2 * ref.cdf(v), "counts");
        assertTrue(Double.isNaN(r.transform(x[0])), "below the lower bound");
        assertEquals(-1, r.transform(source.supportLower()), 0, "the lower bound maps to the target's lower end");
    }

    @Test
    void laplaceToLearnedMatchesClosedForms() throws IOException {
        JsonNode raw = new ObjectMapper().readTree(text(GoldenModels.COLUMNS)).get("columns").get(2);
        Redistributor r = ModelIO.fromJson(text(GoldenModels.COLUMNS)).get("laplace to learned");
        assertEquals(ParametricDistribution.of("laplace", 0.5, 1.5), r.source());
        JsonNode params = raw.get("source").get("parameters");
        double mu = params.get("mu").doubleValue();
        double b = params.get("scale").doubleValue();
        DoubleUnaryOperator laplaceCdf = x -> x < mu ? 0.5 * Math.exp((x - mu) / b) : 1 - 0.5 * Math.exp(-(x - mu) / b);
        assertSameLattice(raw.get("target"), (LearnedDistribution) r.target());
        LatticeReference ref = reference(raw.get("target"));
        double[] x = new double[41];
        for (int i = 0; i < x.length; i++) {
            x[i] = -5 + 0.25 * i;
        }
        checkTransform(r, x, v -> ref.quantile(laplaceCdf.applyAsDouble(v)), "laplace to learned");
    }

    @Test
    void singleFileLoadsAsOneTransform() throws IOException {
        String text = text(GoldenModels.SINGLE);
        RedistributorModel m = ModelIO.fromJson(text);
        assertFalse(m.creation().isPresent());
        assertEquals(List.of(RedistributorModel.DEFAULT_COLUMN), m.columnNames());
        JsonNode raw = new ObjectMapper().readTree(text).get("columns").get(0);
        Redistributor r = m.only();
        assertSameLattice(raw.get("source"), (LearnedDistribution) r.source());
        double mean = raw.get("target").get("parameters").get("mean").doubleValue();
        LatticeReference ref = reference(raw.get("source"));
        // exponential(mean): quantile(p) = -mean ln(1 - p)
        checkTransform(r, ref.probePoints(), v -> -mean * Math.log(1 - ref.cdf(v)), "single");
    }

    /** The Gaussian mixture cdf (1/n) Σ Φ((q − x_i)/h), term by term with Commons Statistics. */
    private static double mixtureCdf(double[] data, double h, double q) {
        NormalDistribution z = NormalDistribution.of(0, 1);
        double s = 0;
        for (double x : data) {
            s += z.cumulativeProbability((q - x) / h);
        }
        return s / data.length;
    }

    @Test
    void kernelDensityRebuildsFromItsDataBandwidthAndGrid() throws IOException {
        String text = text(GoldenModels.KDE);
        JsonNode raw = new ObjectMapper().readTree(text).get("columns").get(0).get("source");
        double[] data = doubles(raw.get("data"));
        double h = raw.get("bandwidth").doubleValue();
        int grid = raw.get("gridDensity").intValue();
        RedistributorModel m = ModelIO.fromJson(text);
        KernelDensity k = (KernelDensity) m.get("kde to normal").source();
        assertArrayEquals(data, k.data());
        assertEquals(h, k.bandwidth());
        assertEquals(grid, k.gridDensity());
        assertEquals(k, m.get("logistic to kde").target());
        // Grid points well inside the data, a + j (b - a)/(grid - 1) with a, b = min, max -/+ 39h:
        // there the fast cdf is the mixture cdf, and the transform its normal quantile.
        double min = java.util.Arrays.stream(data).min().orElseThrow();
        double max = java.util.Arrays.stream(data).max().orElseThrow();
        double a = min - 39 * h;
        double step = (max + 39 * h - a) / (grid - 1);
        NormalDistribution z = NormalDistribution.of(0, 1);
        Redistributor r = m.get("kde to normal");
        int checked = 0;
        for (int j = 0; j < grid; j++) {
            double g = j * step + a;
            if (g < min || g > max) {
                continue;
            }
            double p = mixtureCdf(data, h, g);
            // the mixture cdf is accurate to 2e-13 relative (KernelDensity's documentation); p is
            // in [0.01, 0.99] here, where the normal quantile's slope is below 40: 1e-11 covers both
            assertEquals(p, k.cdfPrecise(g), 2e-13 * p, "mixture cdf at " + g);
            assertEquals(z.inverseCumulativeProbability(p), r.transform(g), 1e-11, "transform at " + g);
            checked++;
        }
        assertTrue(checked > 20, "grid points checked: " + checked);
    }

    @Test
    void writingTheLoadedModelsReproducesTheFiles() throws IOException {
        ObjectMapper plain = new ObjectMapper();
        for (String name : List.of(GoldenModels.COLUMNS, GoldenModels.SINGLE, GoldenModels.KDE)) {
            String golden = text(name);
            String again = ModelIO.toJson(ModelIO.fromJson(golden));
            // Compared as parsed trees: number text may differ between JDKs (Double.toString became
            // shortest-form in JDK 19) while the numbers are the same.
            assertEquals(plain.readTree(golden), plain.readTree(again), name);
        }
    }

    @Test
    void theCodeStillBuildsTheGoldenModels() throws IOException {
        ObjectMapper plain = new ObjectMapper();
        assertEquals(plain.readTree(text(GoldenModels.COLUMNS)), plain.readTree(ModelIO.toJson(GoldenModels.columns())));
        assertEquals(plain.readTree(text(GoldenModels.SINGLE)), plain.readTree(ModelIO.toJson(GoldenModels.single())));
        assertEquals(plain.readTree(text(GoldenModels.KDE)), plain.readTree(ModelIO.toJson(GoldenModels.kde())));
    }
}
