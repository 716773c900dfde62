package io.redistributor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour of the learned distribution beyond the reference vectors: ties, bad input, options. */
class LearnedDistributionTest {

    /** The worked example of the TiePolicy documentation. */
    @Test
    void midpointTiesMapARepeatedValueToTheMiddleOfItsMass() {
        LearnedDistribution d = LearnedDistribution.fit(new double[] {2, 1, 2, 3, 2});
        assertArrayEquals(new double[] {1, 2, 2, 2, 3}, d.values());
        // exact arithmetic: (2/6 + 4/6) / 2 = 1/2; 1e-15 allows the rounding of the sixths
        assertEquals(0.5, d.cdf(2), 1e-15);
        assertEquals(1.0 / 6, d.cdf(1), 1e-15);
        assertEquals(5.0 / 6, d.cdf(3), 1e-15);
        // between 1 and 2 the cdf rises from 1/6 to 2/6; between 2 and 3 from 4/6 to 5/6
        assertEquals(1.5 / 6, d.cdf(1.5), 1e-15);
        assertEquals(4.5 / 6, d.cdf(2.5), 1e-15);
        assertTrue(d.hasTies());
        assertEquals(Double.POSITIVE_INFINITY, d.density(2));
        // quantile is flat over the mass of 2, so inverse(transform(2)) = 2
        assertEquals(2, d.quantile(0.5));
        assertEquals(2, d.quantile(d.cdf(2)));
    }

    @Test
    void midpointTiesKeepTheMapMonotoneOnEightBitData() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
        double[] x = new double[20000];
        for (int i = 0; i < x.length; i++) {
            // skewed 8-bit levels with heavy ties
            x[i] = Math.min(255, Math.floor(-40 * Math.log(rng.nextDouble())));
        }
        LearnedDistribution d = LearnedDistribution.fit(x);
        double prev = -1;
        for (int level = 0; level <= 255; level++) {
            double p = d.cdf(level);
            assertTrue(p > prev || (p == prev && level > d.supportUpper()), "cdf not increasing at " + level);
            prev = p;
        }
    }

    @Test
    void signedZerosAreOneValueForTheCdfScalarAndBulk() {
        // 0.0 is repeated inside the lattice; -0.0 must map to the middle of its mass as 0.0 does
        LearnedDistribution d = LearnedDistribution.fit(new double[] {-2, -1, 0.0, 0.0, 0.0, 1, 2});
        assertEquals(d.cdf(0.0), d.cdf(-0.0));
        double[] x = {0.0, -0.0};
        double[] y = d.cdf(x);
        assertEquals(d.cdf(0.0), y[0]);
        assertEquals(y[0], y[1]);
        // three lattice points hold zero: probabilities 3/8, 4/8, 5/8, middle 4/8
        assertEquals(0.5, y[1], 1e-15);
    }

    @Test
    void jitterIsReproducibleFromTheSeedAndRemovesRepeatedLatticeValues() {
        double[] x = {1, 2, 2, 2, 3, 4, 4, 5};
        LearnedDistribution.Fitter f = LearnedDistribution.fitter().withTies(TiePolicy.JITTER).withSeed(42);
        LearnedDistribution a = f.fit(x);
        LearnedDistribution b = f.fit(x);
        assertArrayEquals(a.values(), b.values());
        assertTrue(!a.hasTies());
        double[] v = a.values();
        for (int i = 1; i < v.length; i++) {
            assertTrue(v[i] > v[i - 1]);
        }
        // the noise stays below half the smallest gap between distinct values (1 / 2)
        assertEquals(1, v[0]);
        assertEquals(5, v[v.length - 1]);
        for (int i = 0; i < v.length; i++) {
            assertTrue(Math.abs(v[i] - Math.rint(v[i])) <= 0.5);
        }
        LearnedDistribution c = f.withSeed(43).fit(x);
        assertNotEquals(Arrays.toString(a.values()), Arrays.toString(c.values()));
    }

    @Test
    void errorPolicyNamesTheRepeatedValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LearnedDistribution.fitter().withTies(TiePolicy.ERROR).fit(new double[] {1, 2, 2, 2, 3}));
        assertTrue(e.getMessage().contains("2.0"), e.getMessage());
        assertTrue(e.getMessage().contains("3 lattice points"), e.getMessage());
    }

    @Test
    void badInputIsRefusedWithAMessageNamingArgumentAndRule() {
        assertMessage(() -> LearnedDistribution.fit(null), "x must not be null");
        assertMessage(() -> LearnedDistribution.fit(new double[0]), "x is empty");
        assertMessage(() -> LearnedDistribution.fit(new double[] {1}), "x length (1) must be >= 3");
        assertMessage(() -> LearnedDistribution.fit(new double[] {4, 4, 4, 4}), "all values equal (4.0)");
        assertMessage(() -> LearnedDistribution.fit(new double[] {Double.NaN, Double.NaN, Double.NaN}),
            "x[0] (NaN) must be finite");
        assertMessage(() -> LearnedDistribution.fit(new double[] {1, 2, Double.POSITIVE_INFINITY}),
            "x[2] (Infinity) must be finite");
        assertMessage(() -> LearnedDistribution.fit(new double[] {1, Double.NEGATIVE_INFINITY, 2}),
            "x[1] (-Infinity) must be finite");
        assertMessage(() -> LearnedDistribution.fitter().withBins(2), "bins (2) must be >= 3");
        assertMessage(() -> LearnedDistribution.fitter().withBins(5).fit(new double[] {1, 2, 3}),
            "bins (5) must be <= n (3)");
        assertMessage(() -> LearnedDistribution.fitter().withLower(2).fit(new double[] {1, 2, 3}),
            "a (2.0) must be < min(x) (1.0)");
        assertMessage(() -> LearnedDistribution.fitter().withUpper(3).fit(new double[] {1, 2, 3}),
            "b (3.0) must be > max(x) (3.0)");
        assertMessage(() -> LearnedDistribution.fitter().withLower(Double.NEGATIVE_INFINITY),
            "a (-Infinity) must be finite");
        assertMessage(() -> LearnedDistribution.fitter().withSubsample(0), "subsample step (0) must be >= 1");
        assertMessage(() -> LearnedDistribution.fitter().withAssumeSorted(true).fit(new double[] {1, 3, 2}),
            "x[2] (2.0) is below x[1]");
        assertMessage(() -> LearnedDistribution.fitter().fit((float[]) null), "x must not be null");
    }

    private static void assertMessage(Runnable r, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }

    @Test
    void defaultFitLeavesTheInputAloneAndInPlaceFitGivesTheSameLattice() {
        double[] x = RandomSource.XO_RO_SHI_RO_128_PP.create(1).doubles(10_000).toArray();
        double[] copy = x.clone();
        LearnedDistribution a = LearnedDistribution.fitter().withBins(100).fit(x);
        assertArrayEquals(copy, x);
        LearnedDistribution b = LearnedDistribution.fitter().withBins(100).withInPlace(true).fit(x);
        assertEquals(a, b);
        double[] sorted = copy.clone();
        Arrays.sort(sorted);
        assertEquals(a, LearnedDistribution.fitter().withBins(100).withAssumeSorted(true).fit(sorted));
    }

    @Test
    void latticeHoldsTheExactOrderStatistics() {
        double[] x = RandomSource.XO_RO_SHI_RO_128_PP.create(3).doubles(12_345).map(u -> Math.exp(3 * u)).toArray();
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        LearnedDistribution d = LearnedDistribution.fitter().withBins(777).fit(x);
        long[] ranks = LearnedDistribution.latticeRanks(x.length, 777);
        double[] v = d.values();
        for (int i = 0; i < ranks.length; i++) {
            assertEquals(sorted[(int) ranks[i]], v[i]);
        }
    }

    @Test
    void floatFitEqualsDoubleFitOfTheWidenedValues() {
        float[] f = new float[5000];
        double[] d = new double[f.length];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) gaussian(rng);
            d[i] = f[i];
        }
        float[] before = f.clone();
        assertEquals(LearnedDistribution.fit(d), LearnedDistribution.fitter().fit(f));
        assertArrayEquals(before, f);
    }

    @Test
    void ofLatticeRejectsHandEditedLattices() {
        LearnedDistribution d = LearnedDistribution.fitter().withBins(10)
            .fit(RandomSource.XO_RO_SHI_RO_128_PP.create(9).doubles(100).toArray());
        double[] p = d.probabilities();
        double[] v = d.values();
        assertEquals(d, LearnedDistribution.ofLattice(p, v, false, false, d.count(), d.ties()));
        double[] bad = v.clone();
        bad[4] = bad[6];
        assertMessage(() -> LearnedDistribution.ofLattice(p, bad, false, false, 100, TiePolicy.MIDPOINT),
            "values[5]");
        double[] badP = p.clone();
        badP[3] = badP[2];
        assertMessage(() -> LearnedDistribution.ofLattice(badP, v, false, false, 100, TiePolicy.MIDPOINT),
            "probabilities[3]");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.1, Double.POSITIVE_INFINITY})
    void quantileRefusesProbabilitiesOutsideTheUnitInterval(double p) {
        LearnedDistribution d = LearnedDistribution.fit(new double[] {1, 2, 3, 4});
        assertMessage(() -> d.quantile(p), "must be in [0, 1]");
    }

    @Test
    void nanPassesThroughAndInfinitiesMapLikeOutOfSupportValues() {
        LearnedDistribution d = LearnedDistribution.fit(new double[] {1, 2, 3, 4});
        assertTrue(Double.isNaN(d.cdf(Double.NaN)));
        assertTrue(Double.isNaN(d.quantile(Double.NaN)));
        assertEquals(0.2, d.cdf(Double.NEGATIVE_INFINITY), 1e-15);
        assertEquals(0.8, d.cdf(Double.POSITIVE_INFINITY), 1e-15);
        LearnedDistribution bounded = LearnedDistribution.fitter().withLower(0).withUpper(5)
            .fit(new double[] {1, 2, 3, 4});
        assertTrue(Double.isNaN(bounded.cdf(Double.NEGATIVE_INFINITY)));
        assertTrue(Double.isNaN(bounded.cdf(-1)));
        assertEquals(0, bounded.cdf(0));
        assertEquals(1, bounded.cdf(5));
    }

    @Test
    void sampleIsReproducibleAndFollowsTheLattice() {
        LearnedDistribution d = LearnedDistribution.fit(
            RandomSource.XO_RO_SHI_RO_128_PP.create(11).doubles(1000).toArray());
        assertArrayEquals(d.sample(100, 5), d.sample(100, 5));
        for (double v : d.sample(1000, 6)) {
            assertTrue(v >= d.supportLower() && v <= d.supportUpper());
        }
    }

    private static final Distribution N01 = ParametricDistribution.standardNormal();

    /** A standard normal draw by inversion (the tests' own generator, independent of the samplers). */
    static double gaussian(UniformRandomProvider rng) {
        return N01.quantile(Checks.openUnit(rng));
    }
}
