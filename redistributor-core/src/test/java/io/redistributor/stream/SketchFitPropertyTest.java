package io.redistributor.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Determinism and structure of the seeded sketch over random sizes, data shapes and cuts. */
class SketchFitPropertyTest {

    private static double[] data(int n, int shape, long seed) {
        return switch (shape) {
            case 0 -> StreamData.smooth(n, seed);
            case 1 -> StreamData.ties(n, 7, seed);
            default -> StreamData.wide(n, seed);
        };
    }

    @Property(tries = 40)
    void chunkingDoesNotMatterAndBytesRoundTrip(@ForAll @IntRange(min = 3, max = 20_000) int n,
                                                @ForAll @IntRange(max = 2) int shape,
                                                @ForAll @IntRange(min = 8, max = 300) int k,
                                                @ForAll @IntRange(min = 1, max = 3000) int maxChunk,
                                                @ForAll @LongRange long seed) {
        double[] x = data(n, shape, seed);
        SketchFit whole = SketchFit.withK(k).withSeed(seed).update(x);
        SketchFit cut = SketchFit.withK(k).withSeed(seed).update(ChunkSource.of(StreamData.randomChunks(x, maxChunk,
            seed + 1)));
        byte[] bytes = whole.toBytes();
        assertArrayEquals(bytes, cut.toBytes());
        assertArrayEquals(bytes, SketchFit.fromBytes(bytes).toBytes());
        assertEquals(n, whole.count());
        assertEquals(n < k, whole.isExact(), "the first compaction comes with the k-th value");
        assertTrue(whole.rankError() <= SketchFit.rankErrorBound(k));
        if (whole.isExact()) {
            double[] s = x.clone();
            Arrays.sort(s);
            if (s[0] != s[n - 1]) { // a fit needs two distinct values
                assertEquals(LearnedDistribution.fitter().withBins(3).fit(x),
                    whole.fit(LearnedDistribution.fitter().withBins(3)));
            }
        }
    }

    @Property(tries = 30)
    void mergeIsCommutativeAndKeepsCountAndEnds(@ForAll @IntRange(max = 8000) int n1,
                                                @ForAll @IntRange(max = 8000) int n2,
                                                @ForAll @IntRange(max = 2) int shape,
                                                @ForAll @IntRange(min = 8, max = 200) int k1,
                                                @ForAll @IntRange(min = 8, max = 200) int k2,
                                                @ForAll @LongRange long seed) {
        double[] x = data(n1, shape, seed);
        double[] y = data(n2, 2 - shape, ~seed);
        SketchFit a = SketchFit.withK(k1).withSeed(seed).update(x);
        SketchFit b = SketchFit.withK(k2).withSeed(seed).update(y);
        byte[] bBytes = b.toBytes();
        SketchFit ab = SketchFit.fromBytes(a.toBytes()).merge(b);
        SketchFit ba = SketchFit.fromBytes(bBytes).merge(a);
        assertArrayEquals(ab.toBytes(), ba.toBytes());
        assertArrayEquals(bBytes, b.toBytes(), "the other sketch is unchanged");
        assertEquals(n1 + n2, ab.count());
        assertEquals(Math.min(k1, k2), ab.k());
        double[] all = new double[n1 + n2];
        System.arraycopy(x, 0, all, 0, n1);
        System.arraycopy(y, 0, all, n1, n2);
        Arrays.sort(all);
        if (all.length >= 3 && all[0] != all[all.length - 1]) { // a fit needs two distinct values
            double[] v = ab.fit(LearnedDistribution.fitter().withBins(3)).values();
            assertEquals(Double.doubleToLongBits(all[0]), Double.doubleToLongBits(v[0]), "exact minimum");
            assertEquals(all[all.length - 1], v[2], 0, "exact maximum");
        }
    }
}
