package io.redistributor.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes (test resources formats-v1.txt and formats-v2.txt): they must keep loading (or be
 * refused by version where documented), and the same fit must keep writing them, so a format
 * change cannot slip in unnoticed.
 */
class FormatGoldenTest {
    private static final double[] X = {1.0, 1.01, 1.02, 1.03, 1.04, 1.01, -0.0, 1.05};

    private static Map<String, byte[]> golden(String file) throws IOException {
        Map<String, byte[]> m = new HashMap<>();
        try (InputStream in = FormatGoldenTest.class.getResourceAsStream(file);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("#") && line.contains("=")) {
                    m.put(line.substring(0, line.indexOf('=')), HexFormat.of().parseHex(line.substring(line.indexOf('=') + 1)));
                }
            }
        }
        return m;
    }

    private static Map<String, byte[]> golden() throws IOException {
        return golden("formats-v1.txt");
    }

    private static ExactPlan start() {
        return ExactPlan.start(LearnedDistribution.fitter().withBins(4).withUpper(10), 2, 1 << 16);
    }

    // sorted X = -0.0, 1.0, 1.01, 1.01, 1.02, 1.03, 1.04, 1.05; ranks round(i * 7 / 3) = 0, 2, 5, 7
    private static void assertExpectedFit(LearnedDistribution d) {
        double[] v = d.values();
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(v[0]));
        assertArrayEquals(new double[] {1.01, 1.03, 1.05, 10.0}, java.util.Arrays.copyOfRange(v, 1, 5), 0);
    }

    @Test
    void version1PlansLoadAndVersion1PartialsAreRefused() throws IOException {
        Map<String, byte[]> g = golden();
        ExactPlan p0 = start();
        assertArrayEquals(g.get("plan0"), p0.toBytes(), "the plan's format is still version 1");
        assertExpectedFit(ExactPlan.fromBytes(g.get("plan2")).result());
        // a version 1 plan of a later round carries on with partials of this version
        ExactPlan p1 = ExactPlan.fromBytes(g.get("plan1"));
        while (!p1.isComplete()) {
            p1 = p1.next(p1.newPartial().accept(X));
        }
        assertExpectedFit(p1.result());
        for (String k : new String[] {"partial0", "partial1"}) {
            ExactPlan plan = ExactPlan.fromBytes(g.get(k.equals("partial0") ? "plan0" : "plan1"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExactPartial.fromBytes(plan, g.get(k)));
            assertTrue(e.getMessage().contains("partial format version (1)"), e.getMessage());
        }

        // version 1 sketches were DataSketches images; they are refused with the version named
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SketchFit.fromBytes(g.get("sketch")));
        assertTrue(e.getMessage().contains("format version (1)"), e.getMessage());
    }

    @Test
    void version2PartialBytesLoadAndAreStillWritten() throws IOException {
        Map<String, byte[]> g = golden("formats-v2.txt");
        ExactPlan plan = start();
        for (int round = 0; !plan.isComplete(); round++) {
            assertArrayEquals(g.get("plan" + round), plan.toBytes(), "plan " + round);
            byte[] bytes = g.get("partial" + round);
            assertArrayEquals(bytes, plan.newPartial().accept(X).toBytes(), "partial " + round);
            ExactPlan read = ExactPlan.fromBytes(g.get("plan" + round));
            plan = read.next(ExactPartial.fromBytes(read, bytes));
        }
        assertArrayEquals(g.get("plan3"), plan.toBytes());
        assertExpectedFit(plan.result());

        // partial0 field by field, as ExactPartial documents it
        ByteBuffer b = ByteBuffer.wrap(g.get("partial0"));
        assertEquals(0x52445851, b.getInt(), "RDXQ");
        assertEquals(2, b.get(), "version");
        assertEquals(0, b.get(), "counting round");
        assertEquals(start().id(), b.getLong());
        assertEquals(8, b.getLong(), "raw count");
        assertEquals(8, b.getLong(), "kept count");
        assertEquals(8, b.getLong(), "next index");
        assertEquals(1, b.getLong(), "chunks");
        assertEquals(2, b.getInt(), "two non-empty cells of 16 key bits");
        // -0.0 has raw bits 0x8000...0, signed key -1, unsigned key 0x7fff...f: cell 0x7fff
        assertEquals(0x7fff, b.getInt());
        assertEquals(1, b.getLong());
        // 1.0 ... 1.05 have raw bits 0x3ff0..., unsigned keys 0xbff0...: cell 0xbff0
        assertEquals(0xbff0, b.getInt());
        assertEquals(7, b.getLong());
        assertEquals(1, b.getInt(), "one block (the whole line) holds values");
        assertEquals(-1L, b.getLong(), "signed key of -0.0");
        assertEquals(1, b.getLong(), "one value is -0.0");
        assertEquals(Double.doubleToRawLongBits(1.05), b.getLong(), "signed key of 1.05 (its raw bits)");
        assertEquals(1, b.getLong(), "one value is 1.05");
        assertFalse(b.hasRemaining());
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
