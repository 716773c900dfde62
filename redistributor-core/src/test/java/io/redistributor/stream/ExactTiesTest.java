package io.redistributor.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Ties, block edges and the number of rounds of the exact fit, which counts per cell and keeps key
 * bounds per block. The in-memory fit is the independent expectation of every result; the round
 * counts are checked against bounds derived from the key layout (12 sign and exponent bits, then
 * the mantissa; round 0 resolves 16 bits, each counting round f more, and a block's bounds are
 * seen in the round that counts it).
 */
class ExactTiesTest {

    /** Runs the rounds with one partial per round; returns the plan and the number of passes. */
    private static Object[] run(LearnedDistribution.Fitter f, double[] x, int maxBuffered, int maxCounters) {
        ExactPlan plan = ExactPlan.start(f, maxBuffered, maxCounters);
        int passes = 0;
        while (!plan.isComplete()) {
            // through the byte format, as a distributed fit ships partials
            plan = plan.next(ExactPartial.fromBytes(plan, plan.newPartial().accept(x).toBytes()));
            passes++;
        }
        return new Object[] {plan.result(), passes};
    }

    private static int passes(LearnedDistribution.Fitter f, double[] x, int maxBuffered) {
        Object[] r = run(f, x, maxBuffered, ExactPlan.DEFAULT_MAX_COUNTERS);
        LearnedDistribution expected = f.fit(x);
        assertArrayEquals(expected.values(), ((LearnedDistribution) r[0]).values(), 0);
        assertEquals(expected, r[0]);
        return (int) r[1];
    }

    /** The least split of a counting round: ⌊log2(max(maxCounters, 2 bins) / bins)⌋, at least 1. */
    private static int leastSplit(int maxCounters, int bins) {
        return Math.max(1, 63 - Long.numberOfLeadingZeros(Math.max(maxCounters, 2L * bins) / bins));
    }

    @Test
    void allEqualDataIsRefusedAfterOnePass() {
        double[] x = new double[100_000];
        Arrays.fill(x, 2.5);
        IllegalArgumentException expected = assertThrows(IllegalArgumentException.class,
            () -> LearnedDistribution.fit(x));
        ExactPlan plan = ExactPlan.start(LearnedDistribution.fitter(), 1, 1 << 16);
        ExactPartial q = plan.newPartial().accept(x);
        // round 0's bounds of the whole line are equal: every rank resolves, and the fit refuses
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan.next(q));
        assertEquals(expected.getMessage(), e.getMessage());
    }

    @Test
    void aSingleRepeatedValueInsideABlockOfOthers() {
        // 1.01 repeated 50 000 times among 50 000 values spread over [1, 1.0625), which shares its 16
        // leading key bits: the middle ranks lie in a round-0 cell that holds many values, and in
        // round 1 in a cell that holds 1.01 only, whose bounds round 2 sees.
        SplittableRandom r = new SplittableRandom(5);
        double[] x = new double[100_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 2 == 0 ? 1.01 : 1 + r.nextDouble() / 16;
        }
        shuffle(x, 6);
        int p = passes(LearnedDistribution.fitter().withBins(101), x, 1);
        // 1.01 is isolated from values that differ from it by more than 2^-20 at 12 + 20 key bits;
        // round 1 splits at least 11 bits (2^18 cells over at most 101 blocks), round 2 at least
        // as many: 2 counting rounds after round 0 reach 38 bits, so the rest of the ranks come
        // from one more round (its bounds, or collecting is not allowed here: buffer 1)
        assertTrue(p <= 1 + 1 + 1 + 1, "passes " + p);
    }

    @Test
    void ranksAtTheFirstAndLastPlaceOfTheirBlock() {
        // sorted: 0.5, 0.6, 0.7 | 1.0, 1.01, 1.02 | 4.0 with bins 3 (ranks 0, 3, 6); 1.0 ... 1.02 share
        // the 16 leading key bits, so rank 3 is the first of its round-1 block: its smallest key
        double[] first = {1.02, 0.5, 4.0, 1.0, 0.6, 1.01, 0.7};
        assertEquals(2, passes(LearnedDistribution.fitter().withBins(3), first, 1));
        // mirrored: rank 3 is the last of its block (1.0, 1.01, 1.02 at ranks 1 ... 3)
        double[] last = {1.02, 0.5, 4.0, 1.0, 2.0, 1.01, 3.0};
        assertEquals(2, passes(LearnedDistribution.fitter().withBins(3), last, 1));
        // ranks 0 and n - 1 are the bounds of the whole line: resolved by round 0
        ExactPlan plan = ExactPlan.start(LearnedDistribution.fitter().withBins(3), 1, 1 << 16);
        plan = plan.next(plan.newPartial().accept(first));
        assertEquals(1, plan.pendingRanks());
    }

    @Test
    void neighbouringDoublesNeedAll64Bits() {
        // the middle rank lies among copies of the double just above 1.0, between copies of 1.0 and
        // of the next double up: the three differ in the last two key bits only, so no cell holds
        // the middle value alone before 64 bits, it is never a block's smallest or largest key, and
        // the buffer (1 value) never takes a block. One block, so each round splits 16 bits:
        // 16 + 3 * 16 = 64, 4 passes, the documented worst case 1 + ceil(48 / f) for this split.
        double u = Math.nextUp(1.0);
        double uu = Math.nextUp(u);
        double[] x = {0.5, u, 1.0, uu, u, 1.0, uu, u, 1.0, uu, 2.0};
        int p = passes(LearnedDistribution.fitter().withBins(3), x, 1);
        assertEquals(1 + 48 / 16, p);
        assertTrue(p <= 1 + (48 + leastSplit(1 << 16, 3) - 1) / leastSplit(1 << 16, 3));
        // with two neighbouring doubles only, every rank among them is a run of the block's smallest
        // or largest key: round 1 resolves it
        double[] two = {0.5, u, 1.0, u, 1.0, u, 1.0, 2.0};
        assertEquals(2, passes(LearnedDistribution.fitter().withBins(3), two, 1));
    }

    @Test
    void aHeavyValueAtTheStartOfItsBlockResolvesInTheRoundThatCountsIt() {
        // 30 % of the values are 1.5, which starts its block at every depth (its key ends in zeros);
        // the rest are spread over (1, 2). With a buffer of 50 000 values (fewer than the 60 000
        // copies of 1.5) round 1 counts; the ranks inside the run of 1.5 are resolved there by the
        // count of the block's smallest key, the others by collecting in round 2. (Bounds per cell
        // without their counts took 4 rounds: the cell of 1.5 always holds a few other values.)
        SplittableRandom r = new SplittableRandom(12);
        double[] x = new double[200_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(10) < 3 ? 1.5 : 1 + r.nextDouble();
        }
        LearnedDistribution.Fitter f = LearnedDistribution.fitter().withBins(1000);
        ExactPlan plan = ExactPlan.start(f, 50_000, 1 << 16);
        plan = plan.next(plan.newPartial().accept(x));
        assertFalse(plan.collectsValues(), "round 1 counts");
        int pending = plan.pendingRanks();
        plan = plan.next(plan.newPartial().accept(x));
        int ofOneAndAHalf = 0;
        for (double v : f.fit(x).values()) {
            ofOneAndAHalf += v == 1.5 ? 1 : 0;
        }
        assertTrue(ofOneAndAHalf > 200, "1.5 holds about 30 % of the lattice: " + ofOneAndAHalf);
        assertTrue(plan.pendingRanks() <= pending - ofOneAndAHalf, plan + " after " + pending);
        assertEquals(3, passes(f, x, 50_000));
    }

    /**
     * Many zeros of both signs: the expectation is the order statistics of {@link Arrays#sort}
     * (-0.0 before +0.0), as ExactPlan documents, and the in-memory fit gives the same lattice.
     */
    @Test
    void signedZerosAmongTies() {
        double[] x = new double[30_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 3 == 0 ? -0.0 : i % 3 == 1 ? 0.0 : i % 7;
        }
        shuffle(x, 9);
        for (int step : new int[] {1, 4}) {
            double[] kept = new double[(x.length + step - 1) / step];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = x[i * step];
            }
            Arrays.sort(kept);
            long[] ranks = LearnedDistribution.latticeRanks(kept.length, 500);
            double[] at = new double[ranks.length];
            for (int i = 0; i < at.length; i++) {
                at[i] = kept[(int) ranks[i]];
            }
            LearnedDistribution.Fitter f = LearnedDistribution.fitter().withBins(500).withSubsample(step);
            LearnedDistribution expected = f.fromOrderStatistics(at, kept.length);
            for (int buffered : new int[] {1, 100, 1 << 20}) {
                LearnedDistribution d = (LearnedDistribution) run(f, x, buffered, 1 << 16)[0];
                for (int i = 0; i < at.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(expected.values()[i]),
                        Double.doubleToRawLongBits(d.values()[i]), "lattice value " + i);
                }
                assertEquals(expected, d);
            }
            double[] inMemory = f.fit(x.clone()).values();
            for (int i = 0; i < at.length; i++) {
                assertEquals(Double.doubleToRawLongBits(at[i]), Double.doubleToRawLongBits(inMemory[i]),
                    "in-memory lattice value " + i);
            }
        }
    }

    /**
     * Integer columns of wine.csv, each value repeated 500 times in a seeded order: heavy ties,
     * resolved by block bounds (the buffer takes 1 value, so nothing is collected). Integers below
     * 2<sup>k</sup> differ within their first 12 + k − 1 key bits, so after the counting rounds
     * that reach those bits one more round sees each tied value's block bounds.
     */
    @Test
    void integerColumnsOfWineWithHeavyTies() throws IOException {
        List<double[]> columns = wine();
        int tested = 0;
        for (int c = 0; c < columns.size(); c++) {
            double[] col = columns.get(c);
            double max = Arrays.stream(col).max().orElseThrow();
            if (Arrays.stream(col).anyMatch(v -> v != Math.rint(v) || v < 0) || max < 2) {
                continue;
            }
            double[] x = new double[col.length * 500];
            for (int i = 0; i < x.length; i++) {
                x[i] = col[i % col.length];
            }
            shuffle(x, c);
            int bins = 5000;
            int p = passes(LearnedDistribution.fitter().withBins(bins), x, 1);
            int k = 64 - Long.numberOfLeadingZeros((long) max);
            int f = leastSplit(ExactPlan.DEFAULT_MAX_COUNTERS, bins);
            int counting = (Math.max(0, 12 + k - 1 - 16) + f - 1) / f;
            assertTrue(p <= 1 + counting + 1, "column " + c + " (max " + max + "): passes " + p);
            tested++;
        }
        assertTrue(tested >= 3, "wine.csv has integer columns (magnesium, proline, target)");
    }

    private static List<double[]> wine() throws IOException {
        String dir = System.getProperty("redistributor.shared.dir");
        assertTrue(dir != null, "system property redistributor.shared.dir is not set (run through Maven)");
        List<String> lines = Files.readAllLines(Path.of(dir, "data", "wine.csv"));
        int width = lines.get(0).split(",").length;
        List<double[]> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            double[] col = new double[lines.size() - 1];
            for (int i = 1; i < lines.size(); i++) {
                col[i - 1] = Double.parseDouble(lines.get(i).split(",")[c]);
            }
            columns.add(col);
        }
        return columns;
    }

    private static void shuffle(double[] x, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = x.length - 1; i > 0; i--) {
            int k = r.nextInt(i + 1);
            double t = x[i];
            x[i] = x[k];
            x[k] = t;
        }
    }
}
