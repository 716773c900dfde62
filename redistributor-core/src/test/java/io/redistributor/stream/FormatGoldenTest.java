package io.redistributor.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of format version 1 (test resource formats-v1.txt): they must keep loading, and
 * the same fit must keep writing them, so a format change cannot slip in unnoticed.
 */
class FormatGoldenTest {
    private static final double[] X = {1.0, 1.01, 1.02, 1.03, 1.04, 1.01, -0.0, 1.05};

    private static Map<String, byte[]> golden() throws IOException {
        Map<String, byte[]> m = new HashMap<>();
        try (InputStream in = FormatGoldenTest.class.getResourceAsStream("formats-v1.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#") && line.contains("=")) {
                    m.put(line.substring(0, line.indexOf('=')), HexFormat.of().parseHex(line.substring(line.indexOf('=') + 1)));
                }
            }
        }
        return m;
    }

    @Test
    void version1BytesLoadAndAreStillWritten() throws IOException {
        Map<String, byte[]> g = golden();
        ExactPlan p0 = ExactPlan.start(LearnedDistribution.fitter().withBins(4).withUpper(10), 2, 1 << 16);
        assertArrayEquals(g.get("plan0"), p0.toBytes());
        ExactPartial q0 = p0.newPartial().accept(X);
        assertArrayEquals(g.get("partial0"), q0.toBytes());
        ExactPlan p1 = p0.next(ExactPartial.fromBytes(ExactPlan.fromBytes(g.get("plan0")), g.get("partial0")));
        assertArrayEquals(g.get("plan1"), p1.toBytes());
        ExactPlan p1Read = ExactPlan.fromBytes(g.get("plan1"));
        ExactPartial q1 = ExactPartial.fromBytes(p1Read, g.get("partial1"));
        assertArrayEquals(g.get("partial1"), p1Read.newPartial().accept(X).toBytes());
        ExactPlan p2 = p1Read.next(q1);
        assertArrayEquals(g.get("plan2"), p2.toBytes());
        // sorted X = -0.0, 1.0, 1.01, 1.01, 1.02, 1.03, 1.04, 1.05; ranks round(i * 7 / 3) = 0, 2, 5, 7
        double[] v = ExactPlan.fromBytes(g.get("plan2")).result().values();
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(v[0]));
        assertArrayEquals(new double[] {1.01, 1.03, 1.05, 10.0}, java.util.Arrays.copyOfRange(v, 1, 5), 0);

        // version 1 sketches were DataSketches images; they are refused with the version named
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> SketchFit.fromBytes(g.get("sketch")));
        assertTrue(e.getMessage().contains("format version (1)"), e.getMessage());
    }

    @Test
    void sketchVersion2BytesLoadAndAreStillWritten() throws IOException {
        byte[] golden = golden().get("sketch2");
        // k = 8 over the 8 values of X: the 8th value fills the sketch and level 0 compacts once
        SketchFit s = SketchFit.fromBytes(golden);
        assertEquals(8, s.count());
        assertEquals(8, s.k());
        assertEquals(3, s.seed());
        assertTrue(!s.isExact() && s.rankError() > 0);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(golden);
        assertEquals(SketchFit.MAGIC, b.getInt());
        assertEquals(2, b.get());
        assertEquals(8, b.getInt());
        assertEquals(3, b.getLong());
        assertEquals(8, b.getLong());
        assertEquals(Double.doubleToRawLongBits(-0.0), b.getLong(), "min -0.0, exactly");
        assertEquals(1.05, b.getDouble(), 0);
        assertEquals(2, b.get(), "two levels");
        assertEquals(1, b.getLong(), "level 0 compacted once");
        assertEquals(0, b.getInt(), "an even count leaves nothing behind");
        assertEquals(0, b.getLong());
        assertEquals(4, b.getInt(), "every other of the 8 sorted values, weight 2");
        double[] sorted = X.clone();
        java.util.Arrays.sort(sorted);
        double[] kept = {b.getDouble(), b.getDouble(), b.getDouble(), b.getDouble()};
        int coin = Double.compare(kept[0], sorted[0]) == 0 ? 0 : 1;
        for (int i = 0; i < 4; i++) {
            assertEquals(Double.doubleToRawLongBits(sorted[2 * i + coin]), Double.doubleToRawLongBits(kept[i]));
        }
        assertArrayEquals(golden, SketchFit.withK(8).withSeed(3).update(X).toBytes());
    }
}
