package io.redistributor.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Exact fits over more than 2<sup>31</sup> - 1 values, with expectations that need no fit: when
 * the data is a known multiset, its order statistics are known in closed form.
 */
class BeyondArrayFitTest {

    /**
     * Always on: a block of 2<sup>16</sup> values is counted once per round and its partial
     * doubled 15 times by merging with copies of itself (through the byte format), then merged
     * with one more copy: the merged partial stands for the block repeated m = 2<sup>15</sup> + 1
     * times, N = m · 2<sup>16</sup> &gt; 2<sup>31</sup> - 1 values. Every value then occupies m
     * consecutive ranks, so the order statistic at rank r is sorted(block)[⌊r / m⌋].
     */
    @Test
    void mergedPartialsCountBeyondTheLargestArray() {
        double[] block = StreamData.smooth(1 << 16, 99);
        for (int i = 0; i < block.length; i += 7) {
            block[i] = Math.rint(block[i] * 8) / 8; // some ties
        }
        int doublings = 15;
        long m = (1L << doublings) + 1;
        long n = m * block.length;
        assertTrue(n > Integer.MAX_VALUE);
        LearnedDistribution.Fitter options = LearnedDistribution.fitter().withLower(-2).withUpper(2);
        ExactPlan plan = ExactPlan.start(options);
        int rounds = 0;
        while (!plan.isComplete()) {
            ExactPartial one = plan.newPartial().accept(block);
            ExactPartial total = ExactPartial.fromBytes(plan, one.toBytes());
            for (int d = 0; d < doublings; d++) {
                total.merge(ExactPartial.fromBytes(plan, total.toBytes()));
            }
            total.merge(one);
            plan = plan.next(total);
            rounds++;
        }
        double[] sorted = block.clone();
        Arrays.sort(sorted);
        long[] ranks = LearnedDistribution.latticeRanks(n, 5000);
        double[] expected = new double[ranks.length + 2];
        expected[0] = -2;
        for (int i = 0; i < ranks.length; i++) {
            expected[i + 1] = sorted[(int) (ranks[i] / m)];
        }
        expected[ranks.length + 1] = 2;
        LearnedDistribution d = plan.result();
        assertArrayEquals(expected, d.values(), 0, "order statistics at the lattice ranks");
        assertEquals(n, d.count());
        // the bound of ExactPlan: 1 + ceil(48 / floor(log2(2^18 / 5000))) = 11
        assertTrue(rounds <= 11, "rounds " + rounds);
    }

    private static final int BLOCK = 3 << 14;
    private static final int CHUNKS = 43_691;
    private static final long N = (long) BLOCK * CHUNKS;
    private static final long STRIDE = 12_347;

    /**
     * Runs only with {@code -Dredistributor.stream.large=true} (several minutes on a busy 2-core
     * machine; see docs/streaming.md): N = 2 147 500 032 values generated on the fly, never
     * stored, fitted by {@link ChunkedFitter} in a few passes.
     *
     * <p>The data is a shuffled arrangement of the multiset {⌊J / 3⌋ : 0 ≤ J &lt; N}, whose order
     * statistic at rank r is ⌊r / 3⌋. One block P holds {⌊j / 3⌋ : j &lt; L} (L = 3 ·
     * 2<sup>14</sup>) in a seeded random order; chunk c is P + 2<sup>14</sup> · σ(c) with σ(c) =
     * 12347 c + 501 mod C a permutation of the C = 43691 chunk numbers (the stride is coprime to C).
     * Chunk σ(c) = s holds exactly 2<sup>14</sup> s + ⌊j / 3⌋, so the chunks together hold the
     * multiset. The generator writes one chunk at a time into the source's single buffer.
     */
    @Test
    @EnabledIfSystemProperty(named = "redistributor.stream.large", matches = "true")
    void streamsMoreValuesThanAnArrayHolds() {
        assertTrue(N > Integer.MAX_VALUE, "the input must exceed the largest array");
        assertEquals(BigInteger.ONE, BigInteger.valueOf(STRIDE).gcd(BigInteger.valueOf(CHUNKS)));
        double[] p = new double[BLOCK];
        for (int j = 0; j < BLOCK; j++) {
            p[j] = j / 3;
        }
        SplittableRandom random = new SplittableRandom(2024);
        for (int i = BLOCK - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            double t = p[i];
            p[i] = p[k];
            p[k] = t;
        }
        ChunkSource source = ChunkSource.generated(N, BLOCK, (first, buf, len) -> {
            long c = first / BLOCK;
            double offset = (double) ((STRIDE * c + 501) % CHUNKS) * (BLOCK / 3);
            for (int t = 0; t < len; t++) {
                buf[t] = p[t] + offset;
            }
        });
        long start = System.nanoTime();
        ChunkedFitter.Report report = ChunkedFitter.of(LearnedDistribution.fitter().withLower(-1).withUpper(N))
            .fitWithReport(source);
        long millis = (System.nanoTime() - start) / 1_000_000;
        LearnedDistribution d = report.distribution();

        long[] ranks = LearnedDistribution.latticeRanks(N, 5000);
        double[] expected = new double[ranks.length + 2];
        expected[0] = -1;
        for (int i = 0; i < ranks.length; i++) {
            expected[i + 1] = ranks[i] / 3;
        }
        expected[ranks.length + 1] = N;
        assertArrayEquals(expected, d.values(), 0, "order statistics at the lattice ranks");
        assertEquals(N, d.count());

        // Memory by design, whatever N is: the source holds one chunk of BLOCK doubles, the fit at
        // most the configured cells (an int each) and buffered values.
        assertTrue(report.maxCells() <= ExactPlan.DEFAULT_MAX_COUNTERS, "cells " + report.maxCells());
        assertTrue(report.maxBufferedValues() <= ExactPlan.DEFAULT_MAX_BUFFERED_VALUES,
            "buffered " + report.maxBufferedValues());
        // the bound of ExactPlan: 1 + ceil(48 / floor(log2(2^18 / 5000))) = 11
        assertTrue(report.passes() <= 11, "passes " + report.passes());
        System.out.printf("beyond-array stream fit: N=%d, %d passes, %d cells, %d buffered values, %d ms%n",
            N, report.passes(), report.maxCells(), report.maxBufferedValues(), millis);
    }
}
