package io.redistributor.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PerChannelTest {

    private static final TransferOptions PER_CHANNEL =
        TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.RGB);

    static Image random(int w, int h, int depth, long seed, int lo, int hi) {
        SplittableRandom rng = new SplittableRandom(seed);
        short[][] c = new short[3][w * h];
        for (short[] p : c) {
            for (int i = 0; i < p.length; i++) {
                // a skewed distribution with many repeated levels
                double u = rng.nextDouble();
                p[i] = (short) (lo + (int) ((hi - lo) * u * u));
            }
        }
        return Image.of(w, h, depth, c, null);
    }

    @Test
    void lookupTableEqualsTheCoreTransformOnThePixelValues() {
        Image src = random(40, 30, 8, 1, 10, 200);
        Image ref = random(25, 20, 8, 2, 50, 255);
        Image out = ColorTransfer.match(src, ref, PER_CHANNEL);
        for (int c = 0; c < 3; c++) {
            int[] s = src.plane(c);
            int[] r = ref.plane(c);
            double[] sv = new double[s.length];
            double[] rv = new double[r.length];
            for (int i = 0; i < s.length; i++) {
                sv[i] = s[i] / 255.0;
            }
            for (int i = 0; i < r.length; i++) {
                rv[i] = r[i] / 255.0;
            }
            // the core's own fit and transform on the values, rounded to the nearest level
            Redistributor expected = Redistributor.of(LearnedDistribution.fit(sv), LearnedDistribution.fit(rv));
            int[] o = out.plane(c);
            for (int i = 0; i < s.length; i++) {
                long want = Math.round(Math.min(1, Math.max(0, expected.transform(sv[i]))) * 255);
                assertEquals(want, o[i], "channel " + c + " pixel " + i);
            }
        }
    }

    @Test
    void floatPathEqualsTheCoreTransform() {
        Image src = random(30, 20, 8, 3, 0, 255);
        Image ref = random(20, 20, 8, 4, 30, 220);
        float[][] s = Colour.forward(src, Space.LAB, null);
        float[][] r = Colour.forward(ref, Space.LAB, null);
        float[][] original = {s[0].clone(), s[1].clone(), s[2].clone()};
        PerChannel.transfer(s, r, null);
        for (int c = 0; c < 3; c++) {
            double[] sv = toDouble(original[c]);
            Redistributor expected = Redistributor.of(LearnedDistribution.fit(sv), LearnedDistribution.fit(toDouble(r[c])));
            for (int i = 0; i < sv.length; i++) {
                assertEquals((float) expected.transform(sv[i]), s[c][i], "channel " + c + " pixel " + i);
            }
        }
    }

    /**
     * Per-channel CIELAB through {@link ColorTransfer#match}, where the reference (masked) is
     * converted and fitted beside the source's conversion: each output sample is the core's
     * transform of the source pixel's value onto the masked reference's values, converted back.
     * A reference channel holding one value (all three for a reference of one colour) fills the
     * channel with it.
     */
    @Test
    void referenceFittedBesideTheSourceGivesTheCoreTransform() {
        Image src = random(40, 30, 8, 21, 0, 255);
        for (boolean flat : new boolean[] {false, true}) {
            Image ref = random(30, 20, 8, 22, 20, 240);
            if (flat) {
                // one colour: every channel constant
                short[][] p = new short[3][ref.pixels()];
                java.util.Arrays.fill(p[0], (short) 90);
                java.util.Arrays.fill(p[1], (short) 140);
                java.util.Arrays.fill(p[2], (short) 200);
                ref = Image.of(30, 20, 8, p, null);
            }
            boolean[] keep = new boolean[ref.pixels()];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = i % 3 != 0;
            }
            Image out = ColorTransfer.match(src, ref, TransferOptions.defaults().withMethod(Method.PER_CHANNEL)
                .withSpace(Space.LAB).withMasks(null, Mask.of(30, 20, keep)));
            float[][] s = Colour.forward(src, Space.LAB, null);
            float[][] r = Colour.forward(ref, Space.LAB, keep);
            for (int c = 0; c < 3; c++) {
                double[] rv = toDouble(r[c]);
                float[] rc = r[c];
                boolean constant = true;
                for (float v : rc) {
                    constant &= v == rc[0];
                }
                if (constant) {
                    java.util.Arrays.fill(s[c], rc[0]);
                    continue;
                }
                Redistributor expected = Redistributor.of(LearnedDistribution.fit(toDouble(s[c])), LearnedDistribution.fit(rv));
                for (int i = 0; i < s[c].length; i++) {
                    s[c][i] = (float) expected.transform(s[c][i]);
                }
            }
            short[][] want = new short[3][src.pixels()];
            Colour.inverse(s, Space.LAB, 255, null, want);
            for (int c = 0; c < 3; c++) {
                int[] o = out.plane(c);
                for (int i = 0; i < o.length; i++) {
                    assertEquals(want[c][i], o[i], (flat ? "one colour, " : "") + "channel " + c + " pixel " + i);
                }
            }
        }
        // a reference selecting too few pixels is reported as such, after a source selecting too few
        Image ref = random(30, 20, 8, 22, 20, 240);
        boolean[] two = new boolean[ref.pixels()];
        two[3] = true;
        two[7] = true;
        TransferOptions lab = TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.LAB);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ColorTransfer.match(src, ref, lab.withMasks(null, Mask.of(30, 20, two))));
        assertEquals("reference selects 2 pixels; at least 3 are needed to learn a distribution", e.getMessage());
        boolean[] one = new boolean[src.pixels()];
        one[0] = true;
        e = assertThrows(IllegalArgumentException.class,
            () -> ColorTransfer.match(src, ref, lab.withMasks(Mask.of(40, 30, one), Mask.of(30, 20, two))));
        assertEquals("source selects 1 pixels; at least 3 are needed to learn a distribution", e.getMessage());
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void gradientToUniformTargetIsEqualised() {
        // 16-bit gradient: 1024 columns with distinct values following a square law, 8 rows each
        int w = 1024;
        int h = 8;
        short[] g = new short[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = x / (w - 1.0);
                g[y * w + x] = (short) Math.round(65535 * t * t);
            }
        }
        Image img = Image.of(w, h, 16, new short[][] {g}, null);
        Image out = ColorTransfer.toTargets(img, List.of(ParametricDistribution.uniform(0, 1)), PER_CHANNEL);
        for (int x = 0; x < w; x++) {
            double expected = (x + 0.5) / w;
            double got = out.sample(0, x, 3) / 65535.0;
            // one column holds 1/1024 of the mass; the lattice adds at most one more column's worth
            assertEquals(expected, got, 2.0 / w, "column " + x);
        }
    }

    @Test
    void twoColourImageTakesTheReferenceColoursInProportion() {
        // source: 70 % dark grey, 30 % light grey; reference: 50 % A, 50 % B per channel
        int n = 100;
        int[] src = new int[n];
        int[] ref = new int[n];
        for (int i = 0; i < n; i++) {
            src[i] = i < 70 ? 0x323232 : 0x646464;
            ref[i] = i < 50 ? 0x0A141E : 0xC89664;
        }
        Image s = Image.rgb8(10, 10, src);
        Image r = Image.rgb8(10, 10, ref);
        Image out = ColorTransfer.match(s, r, PER_CHANNEL);
        // midpoint ties: the 70 % level maps from probability 0.35 (all A), the 30 % level from 0.85 (all B)
        for (int i = 0; i < n; i++) {
            int want = i < 70 ? 0x0A141E : 0xC89664;
            assertEquals(want >> 16 & 0xFF, out.plane(0)[i]);
            assertEquals(want >> 8 & 0xFF, out.plane(1)[i]);
            assertEquals(want & 0xFF, out.plane(2)[i]);
        }
        // exact specification hands out exactly the reference's proportions: 50 A and 50 B per channel
        for (TieOrder order : new TieOrder[] {TieOrder.RANDOM, TieOrder.LOCAL_MEAN}) {
            Image exact = ColorTransfer.match(s, r, PER_CHANNEL.withTies(order));
            for (int c = 0; c < 3; c++) {
                long[] hist = PerChannel.histogram(exact.colourRef()[c], null, 256);
                long[] want = PerChannel.histogram(r.colourRef()[c], null, 256);
                assertArrayEquals(want, hist, order + " channel " + c);
                // order is kept: the 30 light pixels rank above every dark one, so all of them become B
                int b = r.plane(c)[99];
                for (int i = 70; i < 100; i++) {
                    assertEquals(b, exact.plane(c)[i], order + " channel " + c + " pixel " + i);
                }
            }
        }
    }

    @Test
    void localMeanOrdersEqualValuesByTheirNeighbourhood() {
        // one value everywhere except a bright square: equal pixels near the square rank higher
        int w = 20;
        int[] rgb = new int[w * w];
        for (int i = 0; i < rgb.length; i++) {
            int x = i % w;
            int y = i / w;
            rgb[i] = x >= 15 && y >= 15 ? 0xFFFFFF : 0x404040;
        }
        Image s = Image.rgb8(w, w, rgb);
        Image out = ColorTransfer.toTargets(s, List.of(ParametricDistribution.uniform(0, 1),
            ParametricDistribution.uniform(0, 1), ParametricDistribution.uniform(0, 1)), PER_CHANNEL.withTies(TieOrder.LOCAL_MEAN));
        int far = out.sample(0, 0, 0);
        int near = out.sample(0, 14, 14);
        assertTrue(near > far, near + " vs " + far);
        // uniform target over 256 levels with 400 pixels: every level gets 1 or 2 pixels
        long[] hist = PerChannel.histogram(out.colourRef()[0], null, 256);
        for (long c : hist) {
            assertTrue(c == 1 || c == 2, "count " + c);
        }
    }

    @Test
    void masksRestrictBothDistributionsAndTheChangedPixels() {
        int w = 20;
        int[] src = new int[w * w];
        int[] ref = new int[w * w];
        boolean[] left = new boolean[w * w];
        boolean[] top = new boolean[w * w];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < src.length; i++) {
            src[i] = rng.nextInt(0x1000000);
            left[i] = i % w < w / 2;
            top[i] = i / w < w / 2;
            // the reference's top half is dark, the bottom half bright
            ref[i] = top[i] ? rng.nextInt(64) * 0x010101 : 0xF0F0F0;
        }
        Image s = Image.rgb8(w, w, src);
        Image r = Image.rgb8(w, w, ref);
        TransferOptions o = PER_CHANNEL.withMasks(Mask.of(w, w, left), Mask.of(w, w, top));
        Image out = ColorTransfer.match(s, r, o);
        for (int i = 0; i < src.length; i++) {
            for (int c = 0; c < 3; c++) {
                if (!left[i]) {
                    assertEquals(s.plane(c)[i], out.plane(c)[i], "unmasked pixels are untouched");
                } else {
                    assertTrue(out.plane(c)[i] < 64, "masked pixels take the masked reference's dark values");
                }
            }
        }
        Mask wrong = Mask.of(3, 3, new boolean[9]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ColorTransfer.match(s, r, PER_CHANNEL.withMasks(wrong, null)));
        assertTrue(e.getMessage().contains("sourceMask"), e.getMessage());
        Mask empty = Mask.of(w, w, new boolean[w * w]);
        e = assertThrows(IllegalArgumentException.class, () -> ColorTransfer.match(s, r, PER_CHANNEL.withMasks(empty, null)));
        assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
    }

    @Test
    void strengthBlendsSourceAndTransfer() {
        Image s = random(16, 16, 8, 7, 0, 128);
        Image r = random(16, 16, 8, 8, 100, 255);
        Image full = ColorTransfer.match(s, r, PER_CHANNEL);
        assertEquals(s, ColorTransfer.match(s, r, PER_CHANNEL.withStrength(0)));
        Image half = ColorTransfer.match(s, r, PER_CHANNEL.withStrength(0.5));
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < s.pixels(); i++) {
                double want = (s.plane(c)[i] + full.plane(c)[i]) / 2.0;
                // one rounding of the blend: half a level, plus float error
                assertEquals(want, half.plane(c)[i], 0.5 + 1e-3);
            }
        }
    }

    @Test
    void alphaDepthAndGreyArePreserved() {
        Image s = ImageFilesTest.pattern(12, 9, 16, 3, true);
        Image r = random(10, 10, 8, 9, 0, 255);
        for (Method m : Method.values()) {
            Image out = ColorTransfer.match(s, r, TransferOptions.defaults().withMethod(m));
            assertEquals(16, out.bitDepth());
            assertArrayEquals(s.alphaPlane(), out.alphaPlane(), m.name());
        }
        Image grey = s.toGrey();
        Image out = ColorTransfer.match(grey, r, TransferOptions.defaults());
        assertTrue(out.isGrey());
        assertTrue(ColorTransfer.match(r, grey, PER_CHANNEL).channels() == 3);
    }

    @Test
    void flatChannelsAreHandled() {
        int[] flat = new int[30];
        java.util.Arrays.fill(flat, 0x102030);
        Image s = Image.rgb8(6, 5, flat);
        Image r = random(6, 5, 8, 11, 0, 255);
        for (Method m : Method.values()) {
            Image out = ColorTransfer.match(s, r, TransferOptions.defaults().withMethod(m));
            // every pixel of a flat source stays one colour
            for (int c = 0; c < 3; c++) {
                int v = out.plane(c)[0];
                for (int x : out.plane(c)) {
                    assertEquals(v, x, m.name());
                }
            }
        }
        Image toFlat = ColorTransfer.match(r, s, PER_CHANNEL);
        assertEquals(0x10, toFlat.plane(0)[7]);
        assertEquals(0x30, toFlat.plane(2)[3]);
    }

    @Test
    void equalizeSpreadsAGreyImage() {
        Image dark = random(64, 64, 8, 12, 0, 60).toGrey();
        Image eq = ColorTransfer.equalize(dark);
        long[] hist = PerChannel.histogram(eq.colourRef()[0], null, 256);
        long top = 0;
        for (int v = 128; v < 256; v++) {
            top += hist[v];
        }
        // equalised: about half the pixels land in the upper half (levels are coarse: allow 10 %)
        assertEquals(0.5, top / 4096.0, 0.1);
    }
}
