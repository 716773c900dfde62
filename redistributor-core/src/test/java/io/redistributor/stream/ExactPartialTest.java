package io.redistributor.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import io.redistributor.TiePolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Distributed exact fits: partitions fit partials, partials merge (through bytes, in shuffled
 * order and grouping), a driver advances the plan. The in-memory fit of all data is the
 * independent expectation and must match exactly.
 */
class ExactPartialTest {

    /** Runs a distributed fit as a driver would: each partition's partial travels as bytes. */
    static LearnedDistribution distributedFit(LearnedDistribution.Fitter options, List<double[]> parts,
                                              long shuffleSeed, int maxBuffered) {
        ExactPlan plan = ExactPlan.start(options, maxBuffered, ExactPlan.DEFAULT_MAX_COUNTERS);
        Random order = new Random(shuffleSeed);
        while (!plan.isComplete()) {
            ExactPlan shipped = ExactPlan.fromBytes(plan.toBytes()); // as broadcast to workers
            List<byte[]> results = new ArrayList<>();
            long first = 0;
            for (double[] part : parts) {
                results.add(shipped.newPartial(first).accept(part).toBytes());
                first += part.length;
            }
            Collections.shuffle(results, order);
            // merge as a tree of random shape
            List<ExactPartial> level = new ArrayList<>();
            for (byte[] b : results) {
                level.add(ExactPartial.fromBytes(plan, b));
            }
            while (level.size() > 1) {
                int i = order.nextInt(level.size() - 1);
                ExactPartial merged = level.get(i).merge(level.remove(i + 1));
                level.set(i, merged);
            }
            plan = plan.next(level.get(0));
        }
        return plan.result();
    }

    @Property(tries = 25)
    void mergedPartialsEqualOneFit(@ForAll @IntRange(min = 3, max = 4000) int n,
                                   @ForAll @IntRange(min = 1, max = 12) int partitions,
                                   @ForAll @IntRange(max = 2) int layout, @ForAll @IntRange(max = 3) int variant,
                                   @ForAll @LongRange long seed) {
        double[] x = switch ((int) (seed & 3)) {
            case 0, 3 -> StreamData.smooth(n, seed);
            case 1 -> StreamData.ties(n, 50, seed);
            default -> StreamData.clustered(n, seed);
        };
        Random r = new Random(seed);
        double[] weights = new double[partitions];
        for (int p = 0; p < partitions; p++) {
            weights[p] = switch (layout) {
                case 0 -> r.nextDouble();                        // random sizes
                case 1 -> p == 0 ? 100 : 1;                      // one partition holds nearly all
                default -> r.nextInt(3) == 0 ? 0 : r.nextDouble(); // some empty partitions
            };
        }
        if (Arrays.stream(weights).sum() == 0) {
            weights[partitions - 1] = 1;
        }
        List<double[]> parts = StreamData.weightedParts(x, weights);
        LearnedDistribution.Fitter f = switch (variant) {
            case 0 -> LearnedDistribution.fitter();
            case 1 -> LearnedDistribution.fitter().withSubsample(3).withBins(30);
            case 2 -> LearnedDistribution.fitter().withLower(-100).withUpper(100).withBins(3);
            default -> LearnedDistribution.fitter().withTies(TiePolicy.JITTER).withSeed(seed);
        };
        LearnedDistribution expected;
        try {
            expected = f.fit(x);
        } catch (IllegalArgumentException e) {
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> distributedFit(f, parts, seed, 1 << 22));
            assertEquals(e.getMessage(), e2.getMessage());
            return;
        }
        LearnedDistribution actual = distributedFit(f, parts, seed, 1 + (int) (seed & 127));
        assertArrayEquals(expected.values(), actual.values(), 0);
        assertEquals(expected, actual);
    }

    @Test
    void twoPhaseFitOfSmallDataIsOneCountAndOneCollect() {
        double[] x = StreamData.smooth(50_000, 1);
        ExactPlan plan = ExactPlan.start(LearnedDistribution.fitter().withBins(100));
        assertEquals(0, plan.round());
        assertEquals(-1, plan.count());
        ExactPlan phase2 = plan.next(plan.newPartial().accept(x));
        assertEquals(50_000, phase2.count());
        assertEquals(100, phase2.bins());
        assertTrue(phase2.collectsValues(), "50 000 values fit in the default buffer");
        assertTrue(phase2.bufferedValues() < 50_000, "only the values inside brackets are kept");
        ExactPlan done = phase2.next(phase2.newPartial().accept(x));
        assertTrue(done.isComplete());
        assertEquals(0, done.pendingRanks());
        assertEquals(LearnedDistribution.fitter().withBins(100).fit(x), done.result());
    }

    @Test
    void bytesRoundTripAtEveryRound() throws IOException, ClassNotFoundException {
        double[] x = StreamData.wide(20_000, 3);
        ExactPlan plan = ExactPlan.start(LearnedDistribution.fitter().withBins(64).withSubsample(2), 50, 1 << 16);
        while (!plan.isComplete()) {
            ExactPlan copy = ExactPlan.fromBytes(plan.toBytes());
            assertEquals(plan, copy);
            assertArrayEquals(plan.toBytes(), copy.toBytes());
            assertEquals(plan, javaRoundTrip(plan));
            ExactPartial q = plan.newPartial().accept(x, 0, 7000).accept(x, 7000, 13_000);
            assertArrayEquals(q.toBytes(), ExactPartial.fromBytes(plan, q.toBytes()).toBytes());
            ExactPartial viaJava = (ExactPartial) javaRoundTrip(q);
            assertArrayEquals(q.toBytes(), viaJava.toBytes());
            plan = plan.next(viaJava);
        }
        assertEquals(LearnedDistribution.fitter().withBins(64).withSubsample(2).fit(x), plan.result());
        assertEquals(plan.result(), ((ExactPlan) javaRoundTrip(plan)).result());
    }

    private static Object javaRoundTrip(Object o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Test
    void partialsOfDifferentPlansDoNotMix() {
        double[] x = StreamData.smooth(1000, 2);
        ExactPlan a = ExactPlan.start(LearnedDistribution.fitter().withBins(10));
        ExactPlan b = ExactPlan.start(LearnedDistribution.fitter().withBins(20));
        assertNotEquals(a.id(), b.id());
        ExactPartial pa = a.newPartial().accept(x);
        ExactPartial pb = b.newPartial().accept(x);
        assertThrows(IllegalArgumentException.class, () -> pa.merge(pb));
        assertThrows(IllegalArgumentException.class, () -> pa.merge(pa));
        assertThrows(IllegalArgumentException.class, () -> b.next(pa));
        assertThrows(IllegalArgumentException.class, () -> ExactPartial.fromBytes(b, pa.toBytes()));
        ExactPlan a1 = a.next(pa);
        assertThrows(IllegalArgumentException.class, () -> a1.next(pa), "a round-0 partial for round 1");
        ExactPlan done = a1.next(a1.newPartial().accept(x));
        assertThrows(IllegalStateException.class, done::newPartial);
        assertThrows(IllegalStateException.class, () -> a.result());
    }

    @Test
    void corruptBytesAreRefused() {
        double[] x = StreamData.smooth(1000, 4);
        ExactPlan plan = ExactPlan.start(LearnedDistribution.fitter());
        byte[] good = plan.next(plan.newPartial().accept(x)).toBytes();
        assertThrows(IllegalArgumentException.class, () -> ExactPlan.fromBytes(null));
        assertThrows(IllegalArgumentException.class, () -> ExactPlan.fromBytes(new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> ExactPlan.fromBytes(Arrays.copyOf(good, good.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> ExactPlan.fromBytes(Arrays.copyOf(good, good.length + 8)));
        byte[] badMagic = good.clone();
        badMagic[0] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> ExactPlan.fromBytes(badMagic));
        byte[] badVersion = good.clone();
        badVersion[4] = 9;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExactPlan.fromBytes(badVersion));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
        // field corruptions at their documented offsets are refused by validation
        int[][] edits = {{5, 7}, {34, 5}, {70, 1}, {71, 0}, {72, 60}};
        for (int[] edit : edits) {
            byte[] bad = good.clone();
            bad[edit[0]] = (byte) (edit[1] == 1 ? bad[edit[0]] + 1 : edit[1]);
            assertThrows(IllegalArgumentException.class, () -> ExactPlan.fromBytes(bad), "byte " + edit[0]);
        }
        ExactPlan p1 = ExactPlan.fromBytes(good);
        byte[] partial = p1.newPartial().accept(x).toBytes();
        assertThrows(IllegalArgumentException.class,
            () -> ExactPartial.fromBytes(p1, Arrays.copyOf(partial, partial.length - 3)));
        assertThrows(IllegalArgumentException.class, () -> ExactPartial.fromBytes(null, partial));
    }

    /**
     * A partial moves its int cell counts into longs before they could pass 2<sup>31</sup> - 1;
     * here the bound that triggers it is set just below that, so that every chunk and merge
     * spills: the bytes, and the fit, are those of partials that never spill.
     */
    @Test
    void intCountsSpillIntoLongsWithoutChangingAnything() {
        double[] x = StreamData.ties(40_000, 300, 21);
        LearnedDistribution.Fitter f = LearnedDistribution.fitter().withBins(200);
        ExactPlan plan = ExactPlan.start(f, 1, 1 << 16);
        int spilledRounds = 0;
        while (!plan.isComplete()) {
            ExactPartial plain = plan.newPartial();
            ExactPartial a = plan.newPartial();
            ExactPartial b = plan.newPartial(20_000);
            for (int at = 0; at < 40_000; at += 1000) {
                ExactPartial q = at < 20_000 ? a : b;
                if (!plan.collectsValues()) {
                    q.unspilled = Math.max(q.unspilled, Integer.MAX_VALUE - 500L);
                }
                q.accept(x, at, 1000);
                plain.accept(x, at, 1000);
            }
            if (!plan.collectsValues()) {
                assertTrue(a.wide != null && b.wide != null, "the partials spilled");
                spilledRounds++;
            }
            a.merge(b);
            assertArrayEquals(plain.toBytes(), a.toBytes(), "round " + plan.round());
            assertArrayEquals(plain.toBytes(), ExactPartial.fromBytes(plan, a.toBytes()).toBytes());
            plan = plan.next(a);
        }
        assertTrue(spilledRounds >= 2, "rounds that counted: " + spilledRounds);
        assertEquals(f.fit(x), plan.result());
    }

    /** Each field of a counting partial (format version 2) is checked, and the error names it. */
    @Test
    void corruptCountingPartialsAreRefusedNamingTheField() {
        double[] x = StreamData.smooth(5000, 14);
        ExactPlan p0 = ExactPlan.start(LearnedDistribution.fitter().withBins(20), 1, 1 << 16);
        ExactPlan plan = p0.next(p0.newPartial().accept(x));
        byte[] good = plan.newPartial().accept(x).toBytes();
        java.nio.ByteBuffer g = java.nio.ByteBuffer.wrap(good);
        int k = g.getInt(46);
        assertTrue(k >= 2, "cells " + k);
        int blocksAt = 50 + 12 * k;
        long lo = g.getLong(blocksAt + 4);
        long hi = g.getLong(blocksAt + 20);
        assertTrue(lo < hi, "the first block holds several values");
        assertEquals(1, g.getLong(blocksAt + 12), "smooth data: one value has the smallest key");
        Object[][] edits = {
            {4, (byte) 1, 0L, "partial format version (1)"},
            {50 + 12, g.getInt(50), 0L, "partial cell"},          // second cell index = first: not increasing
            {50 + 4, 0L, 1L, "partial count of cell"},            // count 0
            {50 + 4, 5001L, 1L, "partial count of cell"},         // more than the kept count
            {blocksAt, g.getInt(blocksAt) + 1, 0L, "partial blocks with values"},
            {blocksAt + 4, hi + 1, 1L, "partial key bounds of block"},   // smallest above largest
            {blocksAt + 4, hi, 1L, "partial key bounds of block"},       // not in the first non-empty cell
            {blocksAt + 4, lo ^ (1L << 62), 1L, "partial key bounds of block"}, // outside the block
            {blocksAt + 20, lo, 1L, "partial key bounds of block"},      // largest below smallest
            {blocksAt + 12, 0L, 1L, "partial bound counts of block"},    // no value has the smallest key
            {blocksAt + 28, 5000L, 1L, "partial bound counts of block"}, // more than the block holds
        };
        for (Object[] e : edits) {
            java.nio.ByteBuffer bad = java.nio.ByteBuffer.wrap(good.clone());
            int at = (int) e[0];
            if (e[1] instanceof Byte v) {
                bad.put(at, v);
            } else if (e[1] instanceof Integer v) {
                bad.putInt(at, v);
            } else {
                bad.putLong(at, (long) e[1]);
            }
            IllegalArgumentException err = assertThrows(IllegalArgumentException.class,
                () -> ExactPartial.fromBytes(plan, bad.array()), (String) e[3]);
            assertTrue(err.getMessage().contains((String) e[3]), err.getMessage());
        }
        assertArrayEquals(good, ExactPartial.fromBytes(plan, good).toBytes());
    }

    @Test
    void subsamplingCountsAcrossPartitionsFromTheirFirstIndex() {
        double[] x = StreamData.smooth(1001, 5);
        LearnedDistribution.Fitter f = LearnedDistribution.fitter().withSubsample(4);
        // partitions of sizes 1, 2, 3, ... so that first indices fall on every residue of 4
        List<double[]> parts = new ArrayList<>();
        int at = 0;
        for (int len = 1; at < x.length; len++) {
            int end = Math.min(x.length, at + len);
            parts.add(Arrays.copyOfRange(x, at, end));
            at = end;
        }
        assertEquals(f.fit(x), distributedFit(f, parts, 6, 1 << 22));
        ExactPlan plan = ExactPlan.start(f);
        assertThrows(IllegalArgumentException.class, () -> plan.newPartial(-1));
        ExactPartial q = plan.newPartial(3).accept(new double[] {9, 1, 2, 3, 4, 5});
        assertEquals(6, q.rawCount());
        assertEquals(2, q.keptCount(), "indices 4 and 8 of the input are kept");
    }

    /**
     * The direct prefix table of a round with short prefixes gives, for every prefix, the slot
     * that the key filter and hash table (the general path, used for longer prefixes) give.
     */
    @Test
    void directPrefixTableAgreesWithTheHashTable() {
        Random rng = new Random(11);
        double[] x = new double[200_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 3 == 0 ? rng.nextGaussian() * 1e-3 : i % 3 == 1 ? Math.exp(rng.nextGaussian() * 4) : -i;
        }
        ExactPlan plan = ExactPlan.start(LearnedDistribution.fitter().withBins(700));
        plan = plan.next(plan.newPartial().accept(x));
        assertEquals(ExactPlan.ROOT_BITS, plan.prefixBits);
        assertTrue(plan.direct != null && plan.prefixes.length > 100, plan::toString);
        int found = 0;
        for (int p = 0; p < 1 << plan.prefixBits; p++) {
            long u = (long) p << (64 - plan.prefixBits);
            int hashed = plan.filter.mayContain(u) ? plan.table.find(p) : -1;
            assertEquals(hashed, plan.direct[p], "prefix " + p);
            found += hashed >= 0 ? 1 : 0;
        }
        assertEquals(plan.prefixes.length, found);
        assertArrayEquals(LearnedDistribution.fitter().withBins(700).fit(x).values(), finish(plan, x).values(), 0.0);
    }

    private static LearnedDistribution finish(ExactPlan plan, double[] x) {
        ExactPlan p = plan;
        while (!p.isComplete()) {
            p = p.next(p.newPartial().accept(x));
        }
        return p.result();
    }
}
