package io.redistributor.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import io.redistributor.TiePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Chunked exact fits against the in-memory fit of the concatenated chunks: the in-memory fit is
 * the independent expectation (it selects in one array), and equality is exact (same doubles).
 */
class ChunkedFitterTest {

    private static void assertSameFit(LearnedDistribution expected, LearnedDistribution actual) {
        assertArrayEquals(expected.values(), actual.values(), 0, "lattice values");
        assertArrayEquals(expected.probabilities(), actual.probabilities(), 0, "lattice probabilities");
        assertEquals(expected, actual);
    }

    private static LearnedDistribution.Fitter options(int variant) {
        LearnedDistribution.Fitter f = LearnedDistribution.fitter();
        return switch (variant) {
            case 0 -> f;
            case 1 -> f.withBins(3);
            case 2 -> f.withBins(257).withLower(-1e9).withUpper(1e9);
            case 3 -> f.withSubsample(3);
            case 4 -> f.withSubsample(7).withBins(40);
            default -> f.withTies(TiePolicy.JITTER).withSeed(42).withBins(100);
        };
    }

    @Property(tries = 60)
    void equalsInMemoryFit(@ForAll @IntRange(min = 3, max = 3000) int n, @ForAll @IntRange(max = 3) int shape,
                           @ForAll @IntRange(max = 5) int variant, @ForAll @IntRange(min = 1, max = 400) int maxChunk,
                           @ForAll @LongRange long seed) {
        double[] x = switch (shape) {
            case 0 -> StreamData.smooth(n, seed);
            case 1 -> StreamData.ties(n, 20, seed);
            case 2 -> StreamData.wide(n, seed);
            default -> StreamData.clustered(n, seed);
        };
        LearnedDistribution.Fitter f = options(variant);
        LearnedDistribution expected;
        try {
            expected = f.fit(x);
        } catch (IllegalArgumentException e) {
            // the same refusal (too few values after subsampling, bins > n, all equal ...)
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> ChunkedFitter.of(f).fit(ChunkSource.of(StreamData.randomChunks(x, maxChunk, seed))));
            assertEquals(e.getMessage(), e2.getMessage());
            return;
        }
        // small limits force several counting rounds and a collecting round
        ChunkedFitter.Report r = ChunkedFitter.of(f).withMaxBufferedValues(1 + (int) (seed & 63))
            .fitWithReport(ChunkSource.of(StreamData.randomChunks(x, maxChunk, seed)));
        assertSameFit(expected, r.distribution());
        assertTrue(r.maxBufferedValues() <= 1 + (seed & 63), "collected " + r.maxBufferedValues());
    }

    @Test
    void defaultLimitsNeedFewPasses() {
        double[] x = StreamData.smooth(300_000, 7);
        ChunkedFitter.Report r = ChunkedFitter.defaults().fitWithReport(
            ChunkSource.of(StreamData.randomChunks(x, 5000, 8)));
        assertSameFit(LearnedDistribution.fit(x), r.distribution());
        // round 0 resolves 16 key bits; 300k values in 5000 brackets then fit in the buffer
        assertTrue(r.passes() <= 3, "passes " + r.passes());
        assertTrue(r.maxCells() <= ExactPlan.DEFAULT_MAX_COUNTERS, "cells " + r.maxCells());
        assertTrue(r.maxBufferedValues() <= ExactPlan.DEFAULT_MAX_BUFFERED_VALUES);
    }

    @Test
    void heavyTiesResolveWithoutCollecting() {
        // 8-bit data: every lattice value is a tied integer; blocks holding one value resolve
        double[] x = StreamData.ties(200_000, 256, 3);
        ChunkedFitter.Report r = ChunkedFitter.of(LearnedDistribution.fitter().withBins(1000))
            .withMaxBufferedValues(1).fitWithReport(ChunkSource.of(StreamData.randomChunks(x, 777, 4)));
        assertSameFit(LearnedDistribution.fitter().withBins(1000).fit(x), r.distribution());
        assertEquals(0, r.maxBufferedValues());
    }

    @Test
    void signedZerosOrderLikeArraysSort() {
        double[] x = {0.0, -0.0, -0.0, 0.0, 1, -1, 0.0, -0.0, 2};
        double[] sorted = x.clone();
        Arrays.sort(sorted); // -0.0 before 0.0
        LearnedDistribution d = ChunkedFitter.of(LearnedDistribution.fitter().withBins(9))
            .fit(ChunkSource.of(Arrays.copyOf(x, 4), Arrays.copyOfRange(x, 4, 9)));
        // bit-exact comparison: the lattice is the sorted data, signs of zero included
        for (int i = 0; i < 9; i++) {
            assertEquals(Double.doubleToRawLongBits(sorted[i]), Double.doubleToRawLongBits(d.values()[i]), "at " + i);
        }
    }

    @Test
    void adaptersGiveTheSameFit() {
        double[] x = StreamData.smooth(10_000, 11);
        LearnedDistribution expected = LearnedDistribution.fit(x);
        List<double[]> chunks = StreamData.randomChunks(x, 100, 12);
        assertSameFit(expected, ChunkedFitter.defaults().fit(ChunkSource.ofIterators(chunks::iterator)));
        assertSameFit(expected, ChunkedFitter.defaults().fit(ChunkSource.ofStreams(() -> DoubleStream.of(x), 333)));
        assertSameFit(expected, ChunkedFitter.defaults().fit(
            ChunkSource.generated(x.length, 64, (first, buf, len) -> System.arraycopy(x, (int) first, buf, 0, len))));
        assertSameFit(expected, ChunkedFitter.defaults().fit(ChunkSource.of(x)));
    }

    @Test
    void refusalsNameChunkAndIndex() {
        double[] a = {1, 2, 3};
        double[] b = {4, 5, Double.NaN};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ChunkedFitter.defaults().fit(ChunkSource.of(a, new double[0], b)));
        assertTrue(e.getMessage().contains("chunk 2, index 2 (value 5 of the input)"), e.getMessage());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ChunkedFitter.defaults()
            .fit(ChunkSource.of(new double[] {1, Double.POSITIVE_INFINITY})));
        assertTrue(e.getMessage().contains("chunk 0, index 1") && e.getMessage().contains("Infinity"),
            e.getMessage());
        // a NaN skipped by subsampling is not looked at, as in memory
        double[] y = {1, Double.NaN, 2, Double.NaN, 3};
        assertSameFit(LearnedDistribution.fitter().withSubsample(2).fit(y),
            ChunkedFitter.of(LearnedDistribution.fitter().withSubsample(2)).fit(ChunkSource.of(y)));
    }

    @Test
    void refusalsMatchTheInMemoryFit() {
        List<LearnedDistribution.Fitter> fitters = List.of(LearnedDistribution.fitter(),
            LearnedDistribution.fitter().withSubsample(4), LearnedDistribution.fitter().withBins(5),
            LearnedDistribution.fitter().withLower(1), LearnedDistribution.fitter().withUpper(2.5),
            LearnedDistribution.fitter().withTies(TiePolicy.ERROR));
        List<double[]> inputs = List.of(new double[0], new double[] {1, 2}, new double[] {2, 2, 2},
            new double[] {1, 2, 2, 2, 3}, new double[] {1, 2, 3});
        for (LearnedDistribution.Fitter f : fitters) {
            for (double[] x : inputs) {
                String expected;
                try {
                    f.fit(x);
                    continue;
                } catch (IllegalArgumentException e) {
                    expected = e.getMessage();
                }
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ChunkedFitter.of(f).fit(ChunkSource.of(x)));
                assertEquals(expected, e.getMessage(), Arrays.toString(x));
            }
        }
    }

    @Test
    void changedSourceIsDetected() {
        int[] pass = {0};
        ChunkSource shrinking = consumer -> {
            double[] x = StreamData.smooth(1000 - 10 * pass[0]++, 5);
            consumer.accept(x, 0, x.length);
        };
        assertThrows(IllegalStateException.class, () -> ChunkedFitter.defaults().fit(shrinking));
        List<double[]> chunks = new ArrayList<>(List.of(StreamData.smooth(1000, 5)));
        ChunkSource shifting = consumer -> {
            for (double[] c : chunks) {
                consumer.accept(c, 0, c.length);
            }
            chunks.set(0, StreamData.smooth(1000, 6)); // same count, other values
        };
        assertThrows(IllegalStateException.class,
            () -> ChunkedFitter.defaults().withMaxBufferedValues(10).fit(shifting));
    }

    @Test
    void limitsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> ChunkedFitter.defaults().withMaxBufferedValues(0));
        assertThrows(IllegalArgumentException.class, () -> ChunkedFitter.defaults().withMaxCounters(1000));
        assertThrows(IllegalArgumentException.class,
            () -> ChunkedFitter.defaults().withMaxCounters(ExactPlan.MAX_COUNTERS + 1));
        assertThrows(IllegalArgumentException.class, () -> ChunkedFitter.of(null));
        assertThrows(IllegalArgumentException.class, () -> ChunkedFitter.defaults().fit(null));
        assertThrows(IllegalArgumentException.class, () -> ChunkSource.of((double[]) null, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> ChunkSource.generated(-1, 10, (a, b, c) -> { }));
        assertThrows(IllegalArgumentException.class, () -> ChunkSource.ofStreams(DoubleStream::empty, 0));
    }
}
