package io.redistributor.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of docs/streaming.md, run on concrete data. */
class StreamingGuideTest {
    private final double[] chunk0 = StreamData.smooth(40_000, 1);
    private final double[] chunk1 = StreamData.smooth(25_000, 2);
    private final double[] chunk2 = StreamData.smooth(1, 3);

    private double[] all() {
        double[] x = new double[chunk0.length + chunk1.length + chunk2.length];
        System.arraycopy(chunk0, 0, x, 0, chunk0.length);
        System.arraycopy(chunk1, 0, x, chunk0.length, chunk1.length);
        System.arraycopy(chunk2, 0, x, chunk0.length + chunk1.length, chunk2.length);
        return x;
    }

    private static double valueAt(long i) {
        return (i * 0x9E3779B97F4A7C15L >>> 11) * 0x1.0p-53;
    }

    @Test
    void chunkedExactFit() {
        LearnedDistribution.Fitter options = LearnedDistribution.fitter().withBins(500).withLower(-2);
        LearnedDistribution d = ChunkedFitter.of(options).fit(ChunkSource.of(chunk0, chunk1, chunk2));
        assertEquals(options.fit(all()), d);
    }

    @Test
    void generatedSource() {
        long n = 500_000L; // the guide's example uses 3e9; the code path is the same
        ChunkSource huge = ChunkSource.generated(n, 1 << 16, (first, buf, len) -> {
            for (int i = 0; i < len; i++) {
                buf[i] = valueAt(first + i);
            }
        });
        LearnedDistribution d = ChunkedFitter.defaults().fit(huge);
        double[] x = new double[(int) n];
        for (int i = 0; i < n; i++) {
            x[i] = valueAt(i);
        }
        assertEquals(LearnedDistribution.fit(x), d);
    }

    @Test
    void distributedExactFit() {
        List<double[]> partitions = List.of(chunk0, new double[0], chunk1, chunk2);
        ExactPlan plan = ExactPlan.start(LearnedDistribution.fitter().withBins(1000));
        while (!plan.isComplete()) {
            ExactPartial total = plan.newPartial();
            for (double[] partition : partitions) {
                total.merge(plan.newPartial().accept(partition));
            }
            plan = plan.next(total);
        }
        LearnedDistribution d = plan.result();
        assertEquals(LearnedDistribution.fitter().withBins(1000).fit(all()), d);
    }

    @Test
    void sketchFit() {
        SketchFit elsewhere = SketchFit.create().withSeed(2).update(chunk2).update(StreamData.smooth(5000, 4));
        byte[] bytesFromElsewhere = elsewhere.toBytes();
        SketchFit sketch = SketchFit.withRankError(0.005).withSeed(1);  // k chosen so that the bound is <= 0.5 %
        sketch.update(chunk0).update(chunk1);                           // or update(ChunkSource)
        SketchFit other = SketchFit.fromBytes(bytesFromElsewhere);
        sketch.merge(other);
        LearnedDistribution d = sketch.fit(LearnedDistribution.fitter().withBins(200));
        double eps = sketch.rankError();
        assertEquals(200, d.bins());
        assertEquals(70_001, d.count());
        // after merging, k is the smaller one (200 of the other sketch), and the bound is at most
        // its single-stream bound of 2.64 %
        assertEquals(200, sketch.k());
        assertTrue(eps > 0.005 && eps <= SketchFit.rankErrorBound(200), "eps " + eps);
    }
}
