package io.redistributor.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import io.redistributor.TiePolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.datasketches.kll.KllSketch;
import org.junit.jupiter.api.Test;

/** The approximate KLL fit: exact while the sketch holds everything, within its rank error after. */
class SketchFitTest {

    /** Number of data values strictly below v and at most v, from the sorted data. */
    private static long[] rankRange(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int below = lo;
        hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return new long[] {below, lo};
    }

    @Test
    void exactWhileTheSketchHoldsEveryValue() {
        double[] x = StreamData.ties(150, 40, 3);
        SketchFit s = SketchFit.create().update(x, 0, 70).update(x, 70, 80);
        assertTrue(s.isExact(), "150 values stay below the capacity of k = 200");
        assertEquals(0, s.rankError());
        for (LearnedDistribution.Fitter f : List.of(LearnedDistribution.fitter(),
            LearnedDistribution.fitter().withBins(17).withLower(-1), LearnedDistribution.fitter().withBins(150))) {
            assertEquals(f.fit(x), s.fit(f));
        }
    }

    @Test
    void mergedSketchesStayWithinTheirRankError() {
        int parts = 8;
        double[] all = StreamData.smooth(400_000, 17);
        SketchFit merged = SketchFit.withK(400);
        for (int p = 0; p < parts; p++) {
            SketchFit part = SketchFit.withK(400);
            // skewed partitions: sizes grow geometrically
            int from = (int) ((long) all.length * ((1 << p) - 1) / ((1 << parts) - 1));
            int to = (int) ((long) all.length * ((1 << (p + 1)) - 1) / ((1 << parts) - 1));
            part.update(ChunkSource.of(Arrays.copyOfRange(all, from, to)));
            merged.merge(SketchFit.isSerializationSupported() ? SketchFit.fromBytes(part.toBytes()) : part);
        }
        assertEquals(all.length, merged.count());
        assertFalse(merged.isExact());
        double eps = merged.rankError();
        assertEquals(KllSketch.getNormalizedRankError(400, false), eps, 0);

        LearnedDistribution approx = merged.fit(LearnedDistribution.fitter().withBins(200));
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        long[] ranks = LearnedDistribution.latticeRanks(all.length, 200);
        double[] v = approx.values();
        double worst = 0;
        for (int i = 0; i < ranks.length; i++) {
            long[] range = rankRange(sorted, v[i]);
            // the value's ranks are [below, atMost); distance of the target rank from that range
            long target = ranks[i];
            long miss = target < range[0] ? range[0] - target : target >= range[1] ? target - range[1] + 1 : 0;
            worst = Math.max(worst, (double) miss / all.length);
        }
        // eps (0.68% for k = 400) is DataSketches' 99%-confidence bound on the largest normalized
        // rank error of a sketch (compaction coins are not seedable, so the test must allow for
        // an unlucky run); the error tail beyond it falls off like a Gaussian, so 2 eps leaves a
        // failure chance far below one in a million. Gross mistakes (quantiles at the wrong
        // ranks, lost partitions: errors of 10% and more) exceed it; the exact-mode test pins the
        // rank convention to the value.
        assertTrue(worst <= 2 * eps, "worst normalized rank error " + worst + " > 2 * " + eps);
        assertEquals(sorted[0], v[0], 0, "the minimum is exact");
        assertEquals(sorted[sorted.length - 1], v[v.length - 1], 0, "the maximum is exact");
    }

    @Test
    void rankErrorChoosesK() {
        SketchFit s = SketchFit.withRankError(0.005);
        assertTrue(KllSketch.getNormalizedRankError(s.k(), false) <= 0.005);
        assertTrue(KllSketch.getNormalizedRankError(s.k() - 1, false) > 0.005, "the smallest such k");
        assertThrows(IllegalArgumentException.class, () -> SketchFit.withRankError(0));
        assertThrows(IllegalArgumentException.class, () -> SketchFit.withRankError(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> SketchFit.withK(4));
    }

    @Test
    void refusals() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SketchFit.create().update(new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("x[1] (NaN)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SketchFit.create()
            .update(ChunkSource.of(new double[] {1}, new double[] {2, Double.NEGATIVE_INFINITY})));
        assertTrue(e.getMessage().contains("chunk 1, x[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SketchFit.create().fit());
        assertThrows(IllegalArgumentException.class, () -> SketchFit.create().update(new double[] {1, 2}).fit());
        assertThrows(IllegalArgumentException.class, () -> SketchFit.create().update(new double[] {1, 2, 3})
            .fit(LearnedDistribution.fitter().withSubsample(2)));
        assertThrows(IllegalArgumentException.class, () -> SketchFit.create().update(new double[] {1, 2, 2, 3})
            .fit(LearnedDistribution.fitter().withTies(TiePolicy.ERROR).withBins(4)));
        assertThrows(IllegalArgumentException.class, () -> SketchFit.fromBytes(new byte[] {1, 2, 3, 4, 5, 6}));
        if (SketchFit.isSerializationSupported()) {
            assertThrows(IllegalArgumentException.class, () -> SketchFit.fromBytes(new byte[] {0x52, 0x44, 0x58,
                0x53, 1, 7, 7, 7}));
        }
        assertThrows(IllegalArgumentException.class, () -> SketchFit.create().merge(null));
    }

    @Test
    void serializesThroughItsBytes() throws Exception {
        SketchFit s = SketchFit.withK(50).update(StreamData.smooth(10_000, 8));
        if (!SketchFit.isSerializationSupported()) {
            // Java 25: datasketches-memory 3.0.2 refuses to start; the refusal must be explicit
            assertTrue(Runtime.version().feature() > 21);
            assertThrows(UnsupportedOperationException.class, s::toBytes);
            assertThrows(UnsupportedOperationException.class, () -> SketchFit.fromBytes(new byte[] {0x52, 0x44,
                0x58, 0x53, 1, 0}));
            return;
        }
        // the sketch is much smaller than the data
        assertTrue(s.toBytes().length < 10_000 * 8 / 20);
        SketchFit back = SketchFit.fromBytes(s.toBytes());
        assertArrayEquals(s.toBytes(), back.toBytes());
        assertEquals(s.fit(), back.fit());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(s.fit(), ((SketchFit) in.readObject()).fit());
        }
    }
}
