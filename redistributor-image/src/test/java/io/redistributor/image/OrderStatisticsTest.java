package io.redistributor.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redistributor.LearnedDistribution;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class OrderStatisticsTest {

    /**
     * Selection must return exactly the values a full sort places at the ranks: with ties, both
     * zeros (-0.0 sorts first), and a crowded range so that some buckets are asked for one rank
     * (quickselect) and some for several (sort).
     */
    @Property(tries = 40)
    void selectionIsTheSortedValue(@ForAll long seed, @ForAll @IntRange(min = 3, max = 300_000) int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(6);
            x[i] = kind == 0 ? 0.0f : kind == 1 ? -0.0f : kind == 2 ? rng.nextInt(7)
                : kind == 3 ? (float) (rng.nextGaussian() * 1e-3) : (float) (rng.nextGaussian() * 50);
        }
        int bins = LearnedDistribution.defaultBins(n);
        long[] ranks = LearnedDistribution.latticeRanks(n, bins);
        double[] got = OrderStatistics.select(x.clone(), ranks);
        float[] sorted = x.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < ranks.length; k++) {
            // assertEquals on doubles compares bits here through equals semantics: -0.0 != 0.0
            assertEquals(Double.valueOf(sorted[(int) ranks[k]]), Double.valueOf(got[k]), "rank " + ranks[k]);
        }
    }

    /**
     * Values spread over the whole float range (a width of up to 2 × Float.MAX_VALUE, which is
     * not a finite float: the buckets are then computed in double) and over a width just below
     * Float.MAX_VALUE (in float arithmetic), with and without weights: the values a full sort of
     * the (expanded) samples places at the ranks.
     */
    @Property(tries = 30)
    void selectionOverTheWholeFloatRangeIsTheSortedValue(@ForAll long seed, @ForAll @IntRange(min = 3, max = 100_000) int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean wide = rng.nextBoolean();
        float[] x = new float[n];
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(4);
            double far = wide ? Float.MAX_VALUE : Float.MAX_VALUE / 2.1;
            x[i] = kind == 0 ? (float) (far * (2 * rng.nextDouble() - 1)) : kind == 1 ? (float) rng.nextGaussian()
                : (float) (rng.nextGaussian() * 1e30);
            w[i] = 1 + rng.nextInt(4);
        }
        x[0] = wide ? -Float.MAX_VALUE : (float) (-Float.MAX_VALUE / 2.1);
        x[n - 1] = wide ? Float.MAX_VALUE : (float) (Float.MAX_VALUE / 2.1);
        float[] sorted = x.clone();
        Arrays.sort(sorted);
        long[] ranks = LearnedDistribution.latticeRanks(n, LearnedDistribution.defaultBins(n));
        double[] got = OrderStatistics.select(x.clone(), ranks);
        for (int k = 0; k < ranks.length; k++) {
            assertEquals(Double.valueOf(sorted[(int) ranks[k]]), Double.valueOf(got[k]), "rank " + ranks[k]);
        }
        // weighted: against the sorted expansion of the samples
        long total = OrderStatistics.total(w);
        float[] expanded = new float[(int) total];
        for (int i = 0, at = 0; i < n; i++) {
            for (int r = 0; r < w[i]; r++) {
                expanded[at++] = x[i];
            }
        }
        Arrays.sort(expanded);
        long[] wr = LearnedDistribution.latticeRanks(total, LearnedDistribution.defaultBins(total));
        double[] gotWeighted = OrderStatistics.select(x, w, wr, OrderStatistics.minMax(x));
        for (int k = 0; k < wr.length; k++) {
            assertEquals(Double.valueOf(expanded[(int) wr[k]]), Double.valueOf(gotWeighted[k]), "weighted rank " + wr[k]);
        }
    }

    /** Quickselect alone, at every position of small arrays with many ties and both zeros. */
    @Property(tries = 200)
    void quickselectMatchesSort(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextBoolean() ? rng.nextInt(4) - 2 : (rng.nextBoolean() ? -0.0f : 0.0f);
        }
        float[] sorted = x.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < n; k++) {
            assertEquals(Float.valueOf(sorted[k]), Float.valueOf(OrderStatistics.selectInPlace(x.clone(), k)), "k " + k);
        }
    }

    /**
     * Weighted quickselect alone, at every weighted position of small arrays of (key, weight)
     * entries with many equal keys (of both signs) and weights from 1 to large, against a walk of
     * the sorted entries' cumulative weights.
     */
    @Property(tries = 200)
    void weightedQuickselectMatchesSortedWalk(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] entries = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            int key = rng.nextInt(7) - 3;
            int weight = rng.nextInt(8) == 0 ? 1 + rng.nextInt(1000) : 1 + rng.nextInt(3);
            entries[i] = (long) key << 32 | weight;
            total += weight;
        }
        long[] sorted = entries.clone();
        Arrays.sort(sorted);
        for (long t = 0; t < total; t++) {
            long cum = 0;
            int e = 0;
            while (cum + (int) sorted[e] <= t) {
                cum += (int) sorted[e];
                e++;
            }
            assertEquals((int) (sorted[e] >> 32), OrderStatistics.selectWeightedInPlace(entries.clone(), t), "target " + t);
        }
    }
}
