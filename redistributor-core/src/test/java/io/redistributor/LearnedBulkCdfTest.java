package io.redistributor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The table-driven bulk cdf of {@link LearnedDistribution} must equal the scalar cdf bit for bit
 * (same segment, same operations), for every kind of lattice and query.
 */
class LearnedBulkCdfTest {

    /** Queries around a lattice: its values, their neighbours, midpoints, random values, edges. */
    private static double[] queries(LearnedDistribution d, long seed) {
        double[] v = d.values();
        SplittableRandom rng = new SplittableRandom(seed);
        double lo = v[0];
        double hi = v[v.length - 1];
        double span = hi - lo;
        double[] q = new double[4 * v.length + 2000];
        int k = 0;
        for (int i = 0; i < v.length; i++) {
            q[k++] = v[i];
            q[k++] = Math.nextUp(v[i]);
            q[k++] = Math.nextDown(v[i]);
            q[k++] = i + 1 < v.length ? v[i] + (v[i + 1] - v[i]) / 2 : hi + 1;
        }
        while (k < q.length - 8) {
            q[k++] = lo - span / 10 + rng.nextDouble() * span * 1.2;
        }
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE};
        System.arraycopy(special, 0, q, k, special.length);
        return q;
    }

    private static void assertBulkEqualsScalar(LearnedDistribution d, double[] q) {
        double[] bulk = d.cdf(q);
        // in place as well: the batches read each value before its slot is written
        double[] inPlace = q.clone();
        d.cdf(inPlace, 0, inPlace, 0, inPlace.length);
        float[] qf = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            qf[i] = (float) q[i];
        }
        float[] bulkF = new float[q.length];
        d.cdf(qf, 0, bulkF, 0, q.length);
        for (int i = 0; i < q.length; i++) {
            double at = q[i];
            assertEquals(Double.doubleToLongBits(d.cdf(at)), Double.doubleToLongBits(bulk[i]),
                () -> "cdf differs at " + at + " for " + d);
            assertEquals(Double.doubleToLongBits(bulk[i]), Double.doubleToLongBits(inPlace[i]),
                () -> "in-place cdf differs at " + at + " for " + d);
            assertEquals(Float.floatToIntBits((float) d.cdf((double) qf[i])), Float.floatToIntBits(bulkF[i]),
                () -> "float cdf differs for " + d);
        }
    }

    @Provide
    Arbitrary<double[]> samples() {
        Arbitrary<Double> smooth = Arbitraries.doubles().between(-1e6, 1e6);
        Arbitrary<Double> tied = Arbitraries.integers().between(-3, 12).map(i -> (double) i);
        Arbitrary<Double> wide = Arbitraries.doubles().between(-300, 300).map(e -> Math.signum(e) * Math.pow(10, e));
        Arbitrary<Double> value = Arbitraries.oneOf(smooth, tied, wide, Arbitraries.of(0.0, -0.0, 1e-310));
        return value.array(double[].class).ofMinSize(3).ofMaxSize(400)
            // a fit needs two values that differ numerically (0.0 and -0.0 do not)
            .filter(x -> java.util.Arrays.stream(x).min().getAsDouble() < java.util.Arrays.stream(x).max().getAsDouble());
    }

    @Property(tries = 300)
    void bulkEqualsScalar(@ForAll("samples") double[] x, @ForAll boolean bounded, @ForAll long seed) {
        LearnedDistribution.Fitter f = LearnedDistribution.fitter();
        if (bounded) {
            double min = java.util.Arrays.stream(x).min().getAsDouble();
            double max = java.util.Arrays.stream(x).max().getAsDouble();
            f = f.withLower(min - 1 - Math.abs(min)).withUpper(max + 1 + Math.abs(max));
        }
        LearnedDistribution d = f.fit(x);
        assertBulkEqualsScalar(d, queries(d, seed));
    }

    @Test
    void skewedLatticeOf5000Points() {
        double[] x = ParametricDistribution.of("lognormal", 0, 2).sample(200_000, 3);
        LearnedDistribution d = LearnedDistribution.fit(x);
        assertBulkEqualsScalar(d, queries(d, 5));
        assertBulkEqualsScalar(d, x);
    }

    @Test
    void latticeLargerThanTheLargestTable() {
        // 60000 lattice points: the table stops at 2^18 buckets and some buckets are crowded
        double[] x = ParametricDistribution.of("lognormal", 0, 3).sample(120_000, 4);
        LearnedDistribution d = LearnedDistribution.fitter().withBins(60_000).fit(x);
        assertBulkEqualsScalar(d, queries(d, 6));
    }

    /**
     * A lattice around zero (standardized data), whose buckets leave out the empty binades between
     * the smallest lattice magnitudes: queries at, next to and between the values closest to zero.
     */
    @Test
    void latticeAroundZero() {
        double[] x = ParametricDistribution.of("normal", 0, 1).sample(200_000, 11);
        x[7] = 0.0;
        LearnedDistribution d = LearnedDistribution.fit(x);
        double g = Double.POSITIVE_INFINITY;
        for (double v : d.values()) {
            if (v != 0) {
                g = Math.min(g, Math.abs(v));
            }
        }
        double[] near = {g, -g, Math.nextDown(g), Math.nextUp(-g), g / 2, -g / 2, 1e-300, -1e-300, Double.MIN_VALUE,
            -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL, 0.0, -0.0, 3 * g, -3 * g};
        assertBulkEqualsScalar(d, near);
        assertBulkEqualsScalar(d, queries(d, 12));
        assertBulkEqualsScalar(d, x);
        LearnedDistribution noZero = LearnedDistribution.fitter().withBins(500).fit(
            ParametricDistribution.of("normal", 0, 1).sample(5_000, 12));
        assertBulkEqualsScalar(noZero, near);
        assertBulkEqualsScalar(noZero, queries(noZero, 13));
    }

    @Test
    void heavilyTiedLattice() {
        SplittableRandom rng = new SplittableRandom(9);
        double[] x = new double[100_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(40) < 30 ? 0.0 : rng.nextInt(256);
        }
        LearnedDistribution d = LearnedDistribution.fit(x);
        assertBulkEqualsScalar(d, queries(d, 13));
    }
}
