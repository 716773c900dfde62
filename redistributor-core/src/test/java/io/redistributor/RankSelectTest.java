package io.redistributor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The counting selection must return exactly the values a full {@link Arrays#sort(double[])}
 * puts at the ranks (compared bit for bit, so -0.0 and 0.0 are told apart), for any data and any
 * number of chunks.
 */
class RankSelectTest {

    /** Tiny sizes so that small arrays reach every branch: big buckets, ties, restricted passes. */
    private static final RankSelect.Tuning TINY = new RankSelect.Tuning(64, 32, 8, Integer.MAX_VALUE, 1000);

    private static double[] bySorting(double[] x, long[] ranks) {
        double[] s = x.clone();
        Arrays.sort(s);
        double[] out = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            out[i] = s[(int) ranks[i]];
        }
        return out;
    }

    private static void assertSameBits(double[] expected, double[] actual) {
        assertNotNull(actual, "the counting selection gave up");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
                "rank index " + i + ": expected " + expected[i] + " but was " + actual[i]);
        }
    }

    @Provide
    Arbitrary<double[]> data() {
        Arbitrary<Double> smooth = Arbitraries.doubles().between(-1e3, 1e3);
        Arbitrary<Double> skewed = Arbitraries.doubles().between(-20, 20).map(Math::exp);
        Arbitrary<Double> eightBit = Arbitraries.integers().between(0, 255).map(i -> (double) i);
        Arbitrary<Double> fewValues = Arbitraries.of(0.0, -0.0, 1.0, 1.0 + Math.ulp(1.0), -5.0);
        Arbitrary<Double> extreme = Arbitraries.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e-300);
        Arbitrary<Double> value = Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, smooth), net.jqwik.api.Tuple.of(4, skewed), net.jqwik.api.Tuple.of(3, eightBit),
            net.jqwik.api.Tuple.of(2, fewValues), net.jqwik.api.Tuple.of(1, extreme));
        return value.array(double[].class).ofMinSize(3).ofMaxSize(3000);
    }

    @Property(tries = 300)
    void equalsSorting(@ForAll("data") double[] x, @ForAll @IntRange(min = 3, max = 200) int bins,
                       @ForAll @IntRange(min = 1, max = 7) int chunks) {
        int b = Math.min(bins, x.length);
        long[] ranks = LearnedDistribution.latticeRanks(x.length, b);
        double[] before = x.clone();
        double[] got = RankSelect.select(x, 0, x.length, ranks, TINY, chunks);
        assertSameBits(bySorting(x, ranks), got);
        assertArrayEquals(before, x, "the data must not change");
    }

    @Test
    void largeTiedAndSkewedInputsWithTheDefaultTuning() {
        SplittableRandom rng = new SplittableRandom(21);
        int n = 400_000;
        double[][] inputs = new double[4][n];
        for (int i = 0; i < n; i++) {
            inputs[0][i] = Math.exp(4 * NormalQuantile.z(rng.nextDouble()));
            inputs[1][i] = rng.nextInt(256);
            // half zeros, the rest spread over 30 decades
            inputs[2][i] = rng.nextBoolean() ? 0.0 : Math.pow(10, 30 * rng.nextDouble() - 15);
            // two adjacent doubles repeated: one bucket, two values, a restricted pass
            inputs[3][i] = rng.nextInt(3) == 0 ? 1.0 : Math.nextUp(1.0) + (rng.nextInt(50) == 0 ? rng.nextDouble() : 0);
        }
        long[] ranks = LearnedDistribution.latticeRanks(n, 5000);
        for (double[] x : inputs) {
            double[] expected = bySorting(x, ranks);
            for (int chunks : new int[] {1, 2, 5}) {
                assertSameBits(expected, RankSelect.select(x, 0, n, ranks, RankSelect.Tuning.forSize(n, ranks.length), chunks));
            }
        }
    }

    @Test
    void subrangeOfAnArray() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[10_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        long[] ranks = LearnedDistribution.latticeRanks(6000, 100);
        assertSameBits(bySorting(Arrays.copyOfRange(x, 3000, 9000), ranks),
            RankSelect.select(x, 3000, 6000, ranks, TINY, 3));
    }

    @Test
    void givesUpOnNonFiniteValuesAndOnTooManyCandidates() {
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        long[] ranks = LearnedDistribution.latticeRanks(x.length, 10);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            double[] y = x.clone();
            y[500] = bad;
            assertNull(RankSelect.select(y, 0, y.length, ranks, TINY, 2), "with " + bad);
        }
        RankSelect.Tuning noRoom = new RankSelect.Tuning(64, 32, 1000, 5, 0);
        assertNull(RankSelect.select(x, 0, x.length, ranks, noRoom, 2));
    }

    /** The partitioning selection used for smaller inputs gives the sorted values too, signed zeros included. */
    @Property(tries = 300)
    void partitioningSelectionEqualsSorting(@ForAll("data") double[] x,
                                            @ForAll @IntRange(min = 3, max = 200) int bins) {
        int b = Math.min(bins, x.length);
        long[] ranks = LearnedDistribution.latticeRanks(x.length, b);
        assertSameBits(bySorting(x, ranks), Selection.select(x.clone(), 0, x.length, ranks));
    }

    /**
     * Many -0.0 and 0.0 among other values: every path of the fit (sorting, partitioning,
     * counting) puts -0.0 at the first ranks of the zeros, as sorting does.
     */
    @Test
    void signedZerosTakeTheirSortedRanks() {
        for (int n : new int[] {1_000, 20_000, 300_000}) {
            SplittableRandom rng = new SplittableRandom(5);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(10);
                x[i] = k < 3 ? -0.0 : k < 6 ? 0.0 : rng.nextGaussian();
            }
            long[] ranks = LearnedDistribution.latticeRanks(n, 500);
            assertSameBits(bySorting(x, ranks), LearnedDistribution.fitter().withBins(500).fit(x).values());
        }
    }

    @Test
    void fitterUsesCountingForLargeInputsAndMatchesSorting() {
        int n = 1_500_000;
        double[] x = ParametricDistribution.of("lognormal", 0, 1).sample(n, 17);
        double[] before = x.clone();
        long[] ranks = LearnedDistribution.latticeRanks(n, 5000);
        double[] expected = bySorting(x, ranks);
        LearnedDistribution d = LearnedDistribution.fit(x);
        assertArrayEquals(before, x, "the default fit must not change the input");
        assertSameBits(expected, d.values());
        assertSameBits(expected, LearnedDistribution.fitter().withInPlace(true).fit(x.clone()).values());
        x[n - 7] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearnedDistribution.fit(x));
        assertTrue(e.getMessage().contains("x[" + (n - 7) + "]"), e.getMessage());
    }
}
