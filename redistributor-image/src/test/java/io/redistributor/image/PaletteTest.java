package io.redistributor.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.Distribution;
import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Per-colour work for per-channel transfer outside RGB must give exactly the per-pixel output:
 * weighted selection against the sort of the expanded samples, and the whole transfer with
 * {@link PerChannel.ByColour#ALWAYS} against {@link PerChannel.ByColour#NEVER}.
 */
class PaletteTest {

    private static final String[] PHOTOS = {"astronaut.png", "chelsea.png", "coffee.png", "rocket.jpg"};
    private static final Space[] SPACES = {Space.LAB, Space.YCBCR, Space.LALPHABETA};

    /**
     * Weighted selection returns the value a full sort of the samples (x[i] repeated w[i] times)
     * places at each rank: ties within and across entries, both zeros, weights from 1 to large.
     */
    @Property(tries = 40)
    void weightedSelectionIsTheSortedValue(@ForAll long seed, @ForAll @IntRange(min = 3, max = 40_000) int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n];
        int[] w = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(5);
            x[i] = kind == 0 ? 0.0f : kind == 1 ? -0.0f : kind == 2 ? rng.nextInt(7) : (float) (rng.nextGaussian() * 50);
            w[i] = rng.nextInt(10) == 0 ? 1 + rng.nextInt(2000) : 1 + rng.nextInt(3);
            total += w[i];
        }
        float[] expanded = new float[(int) total];
        for (int i = 0, at = 0; i < n; i++) {
            Arrays.fill(expanded, at, at + w[i], x[i]);
            at += w[i];
        }
        Arrays.sort(expanded);
        long[] ranks = LearnedDistribution.latticeRanks(total, LearnedDistribution.defaultBins(total));
        double[] got = OrderStatistics.select(x, w, ranks, OrderStatistics.minMax(x));
        for (int k = 0; k < ranks.length; k++) {
            // Double.valueOf equality compares bits: -0.0 and 0.0 differ
            assertEquals(Double.valueOf(expanded[(int) ranks[k]]), Double.valueOf(got[k]), "rank " + ranks[k]);
        }
    }

    @Test
    void countsAndColoursDoNotDependOnTheNumberOfBlocks() {
        Image img = Photos.read("coffee.png", 1);
        boolean[] mask = disk(img);
        for (boolean[] m : new boolean[][] {null, mask}) {
            Palette one = Palette.of(img, m, 1);
            Palette three = Palette.of(img, m, 3);
            assertArrayEquals(one.counts(), three.counts());
            assertArrayEquals(one.planes()[0], three.planes()[0]);
            // the lookup pass replays the partition of its palette: each selected pixel gets its
            // colour's output (here the colour's channels rotated), others keep their samples
            short[][] rotated = one.planes();
            short[][] out = {rotated[1], rotated[2], rotated[0]};
            short[][] byOne = one.apply(img, m, out);
            short[][] byThree = three.apply(img, m, out);
            for (int c = 0; c < 3; c++) {
                assertArrayEquals(byOne[c], byThree[c]);
                for (int i = 0; i < img.pixels(); i++) {
                    boolean selected = m == null || m[i];
                    int expected = img.sample(selected ? (c + 1) % 3 : c, i % img.width(), i / img.width());
                    assertEquals(expected, byOne[c][i], "channel " + c + " pixel " + i);
                }
            }
            long selected = m == null ? img.pixels() : Colour.indices(m).length;
            assertEquals(selected, OrderStatistics.total(one.counts()));
            // every listed colour is a colour of a selected pixel, listed once
            short[][] p = one.planes();
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < img.pixels(); i++) {
                if (m == null || m[i]) {
                    seen.add(img.sample(0, i % img.width(), i / img.width()) << 16
                        | img.sample(1, i % img.width(), i / img.width()) << 8 | img.sample(2, i % img.width(), i / img.width()));
                }
            }
            assertEquals(seen.size(), one.size());
            for (int k = 0; k < one.size(); k++) {
                assertTrue(seen.contains(p[0][k] << 16 | p[1][k] << 8 | p[2][k]));
            }
            int first = 0;
            while (m != null && !m[first]) {
                first++;
            }
            int e = one.entryOfFirst(img, m);
            for (int c = 0; c < 3; c++) {
                assertEquals(img.sample(c, first % img.width(), first / img.width()), p[c][e], "entry of the first pixel");
            }
        }
    }

    @Test
    void perColourEqualsPerPixelOnPhotosInEverySpace() {
        for (int i = 0; i < PHOTOS.length; i++) {
            Image src = Photos.read(PHOTOS[i], 1);
            Image ref = Photos.read(PHOTOS[(i + 1) % PHOTOS.length], 1);
            for (Space space : SPACES) {
                TransferOptions o = TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(space);
                assertSame(src, ref, null, o, PHOTOS[i] + " " + space);
            }
        }
    }

    @Test
    void perColourEqualsPerPixelWithMasks() {
        Image src = Photos.read("astronaut.png", 1);
        Image ref = Photos.read("rocket.jpg", 1);
        Mask sm = Mask.of(src.width(), src.height(), disk(src));
        boolean[] r = disk(ref);
        for (int i = 0; i < r.length; i++) {
            r[i] = !r[i];
        }
        Mask rm = Mask.of(ref.width(), ref.height(), r);
        for (Space space : SPACES) {
            TransferOptions o = TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(space).withMasks(sm, rm);
            Image out = assertSame(src, ref, null, o, "masked " + space);
            // unselected pixels keep their samples
            boolean[] s = sm.toArray();
            for (int i = 0; i < s.length; i++) {
                if (!s[i]) {
                    assertEquals(src.sample(1, i % src.width(), i / src.width()), out.sample(1, i % src.width(), i / src.width()));
                }
            }
        }
    }

    @Test
    void perColourEqualsPerPixelWithFewColoursAndConstantChannels() {
        // twelve and two colours; a one-colour image has every channel constant, which as the
        // source maps to the target's median and as the reference fills every pixel
        Image few = levels(300, 200, 1, new int[] {0, 40, 200}, new int[] {30, 90, 250}, new int[] {255, 7});
        Image flat = levels(120, 90, 2, new int[] {10, 240}, new int[] {128}, new int[] {128});
        Image grey = levels(100, 80, 3, new int[] {77}, new int[] {77}, new int[] {77});
        for (Space space : SPACES) {
            TransferOptions o = TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(space);
            assertSame(few, flat, null, o, "few/flat " + space);
            assertSame(flat, few, null, o, "flat/few " + space);
            assertSame(grey, few, null, o, "grey/few " + space);
            assertSame(few, grey, null, o, "few/grey " + space);
        }
    }

    @Test
    void perColourEqualsPerPixelOntoTargets() {
        Image src = Photos.read("chelsea.png", 1);
        Distribution[] lab = {ParametricDistribution.parse("uniform:0,100"), ParametricDistribution.parse("normal:0,20"),
            ParametricDistribution.parse("normal:10,30")};
        TransferOptions o = TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.LAB);
        Image a = ColorTransfer.run(src, null, lab, o, PerChannel.ByColour.ALWAYS);
        Image b = ColorTransfer.run(src, null, lab, o, PerChannel.ByColour.NEVER);
        assertEquals(b, a);
    }

    @Test
    void tooFewSelectedPixelsFailAsPerPixel() {
        Image src = Photos.read("chelsea.png", 4);
        Image ref = Photos.read("coffee.png", 4);
        boolean[] two = new boolean[src.pixels()];
        two[5] = true;
        two[9] = true;
        TransferOptions o = TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.LAB)
            .withMasks(Mask.of(src.width(), src.height(), two), null);
        String perPixel = assertThrows(IllegalArgumentException.class,
            () -> ColorTransfer.run(src, ref, null, o, PerChannel.ByColour.NEVER)).getMessage();
        String perColour = assertThrows(IllegalArgumentException.class,
            () -> ColorTransfer.run(src, ref, null, o, PerChannel.ByColour.ALWAYS)).getMessage();
        assertEquals(perPixel, perColour);
    }

    /**
     * The final lattice pass of joint transfer in RGB (above 2^18 selected pixels) gives the same
     * output per colour as per pixel, with and without a mask (one that leaves more than 2^18
     * pixels selected, so that the same path is taken).
     */
    @Test
    void jointLatticePerColourEqualsPerPixel() {
        Image src = Photos.read("rocket.jpg", 1);
        Image ref = Photos.read("coffee.png", 1);
        assertTrue(src.pixels() > JointTransfer.SAMPLE, "the test needs the lattice path");
        boolean[] hole = disk(src);
        int selected = 0;
        for (int i = 0; i < hole.length; i++) {
            // keep everything but a small disk in the middle
            double dx = i % src.width() - src.width() / 2.0;
            double dy = i / src.width() - src.height() / 2.0;
            hole[i] = dx * dx + dy * dy > 40 * 40;
            selected += hole[i] ? 1 : 0;
        }
        assertTrue(selected > JointTransfer.SAMPLE && selected < src.pixels());
        Mask m = Mask.of(src.width(), src.height(), hole);
        TransferOptions o = TransferOptions.defaults().withMethod(Method.JOINT).withSpace(Space.RGB).withIterations(5);
        assertSame(src, ref, null, o, "joint");
        Image masked = assertSame(src, ref, null, o.withMasks(m, null), "joint masked");
        for (int i = 0; i < hole.length; i++) {
            if (!hole[i]) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(src.sample(c, i % src.width(), i / src.width()), masked.sample(c, i % src.width(), i / src.width()));
                }
            }
        }
    }

    @Test
    void perColourIsTheSameForAnyThreadCount() throws Exception {
        Image src = Photos.read("coffee.png", 1);
        Image ref = Photos.read("astronaut.png", 1);
        TransferOptions o = TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.LAB);
        Image[] out = new Image[3];
        int[] threads = {1, 2, 5};
        for (int t = 0; t < threads.length; t++) {
            ForkJoinPool pool = new ForkJoinPool(threads[t]);
            try {
                out[t] = pool.submit(() -> ColorTransfer.run(src, ref, null, o, PerChannel.ByColour.ALWAYS)).get();
            } finally {
                pool.shutdown();
            }
        }
        assertEquals(out[0], out[1]);
        assertEquals(out[0], out[2]);
    }

    @Test
    void autoTakesThePaletteOnlyForLargeImagesWithFewEnoughColours() {
        Image small = Photos.read("rocket.jpg", 1);
        assertNull(PerChannel.palette(small, null, PerChannel.ByColour.AUTO));
        assertNotNull(PerChannel.palette(small, null, PerChannel.ByColour.ALWAYS));
        assertNull(PerChannel.palette(small, null, PerChannel.ByColour.NEVER));
        int side = 2048;
        // 2^22 pixels: noise over all 2^24 colours leaves about 88 % of them distinct, above the 3/4 limit
        Image noisy = levels(side, side, 4, range(256), range(256), range(256));
        assertNull(PerChannel.palette(noisy, null, PerChannel.ByColour.AUTO));
        Image posterised = levels(side, side, 5, range(64), range(64), range(64));
        assertNotNull(PerChannel.palette(posterised, null, PerChannel.ByColour.AUTO));
        // 16-bit and grey images stay per pixel
        assertNull(PerChannel.palette(small.toBitDepth(16), null, PerChannel.ByColour.ALWAYS));
        assertNull(PerChannel.palette(small.toGrey(), null, PerChannel.ByColour.ALWAYS));
    }

    /**
     * Weighted float transfer equals the transfer of the expanded values in pixel order, also
     * where signs of zero could tell them apart: a reference channel of equal zeros of both signs
     * (filled with the first pixel's zero) and channels mixing -0.0 and 0.0 with other values.
     */
    @Test
    void weightedTransferEqualsExpandedValuesWithSignedZeros() {
        // distinct entries with weights; the pixels repeat them in an order that starts at entry 2,
        // whose zero (-0.0) is not the first entry's (0.0)
        float[] zeros = {0.0f, 0.0f, -0.0f, 0.0f};
        float[] mixed = {-0.0f, 1.5f, 0.0f, -2.0f};
        float[] spread = {3.0f, -0.0f, 7.0f, 0.0f};
        int[] w = {3, 2, 4, 1};
        int[] order = {2, 0, 1, 2, 3, 0, 2, 1, 0, 2};
        float[][] rDistinct = {zeros, mixed, spread};
        float[][] sDistinct = {mixed.clone(), spread.clone(), mixed.clone()};
        float[][] rPixels = new float[3][order.length];
        float[][] sPixels = new float[3][order.length];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < order.length; i++) {
                rPixels[c][i] = rDistinct[c][order[i]];
                sPixels[c][i] = sDistinct[c][order[i]];
            }
        }
        PerChannel.transfer(sPixels, rPixels, null);
        PerChannel.transfer(sDistinct, w, rDistinct, w, order[0], null);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < order.length; i++) {
                assertEquals(Float.floatToRawIntBits(sPixels[c][i]), Float.floatToRawIntBits(sDistinct[c][order[i]]),
                    "channel " + c + " pixel " + i);
            }
        }
    }

    private static Image assertSame(Image src, Image ref, Distribution[] targets, TransferOptions o, String what) {
        Image perPixel = ColorTransfer.run(src, ref, targets, o, PerChannel.ByColour.NEVER);
        Image perColour = ColorTransfer.run(src, ref, targets, o, PerChannel.ByColour.ALWAYS);
        assertEquals(perPixel, perColour, what);
        return perColour;
    }

    /** Pixels inside a centred disk of a third of the smaller side. */
    private static boolean[] disk(Image img) {
        boolean[] m = new boolean[img.pixels()];
        double r = Math.min(img.width(), img.height()) / 3.0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                double dx = x - img.width() / 2.0;
                double dy = y - img.height() / 2.0;
                m[y * img.width() + x] = dx * dx + dy * dy < r * r;
            }
        }
        return m;
    }

    private static int[] range(int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * 255 / Math.max(1, n - 1);
        }
        return v;
    }

    /** An 8-bit RGB image whose channels draw, uniformly at random, from the given levels. */
    private static Image levels(int w, int h, long seed, int[] r, int[] g, int[] b) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] levels = {r, g, b};
        short[][] planes = new short[3][w * h];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < w * h; i++) {
                planes[c][i] = (short) levels[c][rng.nextInt(levels[c].length)];
            }
        }
        return Image.of(w, h, 8, planes, null);
    }
}
