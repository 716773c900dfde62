package io.redistributor.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColourTest {

    @Test
    void everySpaceRoundTripsEightBitColours() {
        int side = 32;
        int[] rgb = new int[side * side * side];
        int k = 0;
        for (int r = 0; r < side; r++) {
            for (int g = 0; g < side; g++) {
                for (int b = 0; b < side; b++) {
                    rgb[k++] = (r * 255 / (side - 1)) << 16 | (g * 255 / (side - 1)) << 8 | b * 255 / (side - 1);
                }
            }
        }
        Image img = Image.rgb8(side * side, side, rgb);
        for (Space s : Space.values()) {
            float[][] f = Colour.forward(img, s, null);
            short[][] back = new short[3][img.pixels()];
            Colour.inverse(f, s, 255, null, back);
            for (int c = 0; c < 3; c++) {
                int[] p = img.plane(c);
                for (int i = 0; i < p.length; i++) {
                    // float storage and the tabulated sRGB encoding cost far less than half a level,
                    // except in lαβ where black is floored at 1e-4 cone response: within one level
                    int tol = s == Space.LALPHABETA ? 1 : 0;
                    assertEquals(p[i], back[c][i] & 0xFFFF, tol, s + " channel " + c + " pixel " + i);
                }
            }
        }
    }

    @Test
    void labMatchesPublishedValues() {
        // sRGB (D65) to CIELAB reference values (Lindbloom), 2 decimals
        double[] v = new double[3];
        Colour.lab(Colour.decode(0), Colour.decode(1), Colour.decode(0), v);
        assertEquals(87.73, v[0], 0.01);
        assertEquals(-86.18, v[1], 0.01);
        assertEquals(83.18, v[2], 0.01);
        Colour.lab(Colour.decode(0), Colour.decode(0), Colour.decode(1), v);
        assertEquals(32.30, v[0], 0.01);
        assertEquals(79.19, v[1], 0.01);
        assertEquals(-107.86, v[2], 0.01);
    }

    @Test
    void tabulatedEncodingMatchesTheFormula() {
        for (int i = 0; i <= 100000; i++) {
            double c = i / 100000.0;
            // linear interpolation on 2^16 intervals: curvature (at most about 2400) costs below
            // h^2/8 * 2400 < 1e-7; the interval holding the kink at 0.0031308 (slopes 12.92 and 12.7)
            // costs up to 0.22 * h / 4 < 1e-6. Both are far below half a 16-bit level (7.6e-6)
            assertEquals(Colour.encode(c), Colour.encodeFast(c), 1e-6);
        }
    }

    @Test
    void tabulatedCubeRootMatchesTheFormula() {
        for (int i = 0; i <= 100000; i++) {
            double t = 0.008 + i * (1.0 - 0.008) / 100000;
            double exact = t > 216.0 / 24389.0 ? Math.cbrt(t) : (24389.0 / 27.0 * t + 16) / 116;
            // linear interpolation on 2^16 intervals: h^2/8 * max|f''| = (1.5e-5)^2 / 8 * 582 < 2e-8
            assertEquals(exact, Colour.f(t), 2e-8);
        }
    }

    @Test
    void exactEightBitEncodingRoundsTheFormula() {
        Srgb8 e = new Srgb8();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        for (int i = 0; i < 200000; i++) {
            double c = rng.nextDouble() * 1.2 - 0.1;
            double scaled = Colour.encode(Math.max(0, Math.min(1, c))) * 255;
            // the formula in double is itself off by a few 1e-16 near a rounding boundary: skip
            // values that close to one (a width far below the 1e-6 spacing of the draws)
            if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-9) {
                continue;
            }
            assertEquals(Math.round(scaled), e.sample(c), "at " + c);
        }
        for (int k = 1; k <= 255; k++) {
            // on either side of every threshold
            double t = Colour.decode((k - 0.5) / 255);
            assertEquals(k, e.sample(t * (1 + 1e-9)));
            assertEquals(k - 1, e.sample(t * (1 - 1e-9)));
        }
        assertEquals(0, e.sample(Double.NaN));
        assertEquals(0, e.sample(-1));
        assertEquals(255, e.sample(7));
    }

    /**
     * The encoder's count of thresholds at or below c, checked at each threshold itself and one
     * ulp either side against a plain count over all 255 thresholds: the one step past the start
     * table is taken exactly when the threshold is at or below c, also where a threshold lies
     * on a slot edge of the table or next to the top.
     */
    @Test
    void eightBitEncodingCountsThresholdsAtOrBelow() {
        Srgb8 e = new Srgb8();
        double[] threshold = new double[256];
        for (int k = 1; k <= 255; k++) {
            threshold[k] = Colour.decode((k - 0.5) / 255);
        }
        java.util.List<Double> probes = new java.util.ArrayList<>();
        for (int k = 1; k <= 255; k++) {
            probes.add(threshold[k]);
            probes.add(Math.nextUp(threshold[k]));
            probes.add(Math.nextDown(threshold[k]));
        }
        for (int j = 1; j < 4096; j++) {
            // the slot edges of the start table
            probes.add(j / 4096.0);
            probes.add(Math.nextDown(j / 4096.0));
        }
        // the ends and beyond: clipped to the first and last slot
        for (double c : new double[] {Math.nextDown(1.0), 1.0, 1.5, 1e299, Double.MIN_VALUE, 0.0, -0.0, -0.25, -1e299}) {
            probes.add(c);
        }
        for (double c : probes) {
            int count = 0;
            for (int k = 1; k <= 255; k++) {
                if (threshold[k] <= c) {
                    count++;
                }
            }
            assertEquals(count, e.sample(c), "at " + c);
        }
        // NaN and values too large for the slot arithmetic
        assertEquals(0, e.sample(Double.NaN));
        assertEquals(255, e.sample(Double.POSITIVE_INFINITY));
        assertEquals(255, e.sample(Double.MAX_VALUE));
        assertEquals(0, e.sample(Double.NEGATIVE_INFINITY));
        assertEquals(0, e.sample(-Double.MAX_VALUE));
    }

    /**
     * CIELAB from colour codes (with the products of red and green summed once per run of codes
     * that share them) gives the floats of the conversion from planes, bit for bit: on ascending
     * codes with long and single-code runs, the extremes and every grey.
     */
    @Test
    void labOfCodesIsTheConversionOfPlanes() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
        java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
        for (int i = 0; i < 100_000; i++) {
            set.add(rng.nextInt(1 << 24));
        }
        for (int b = 0; b < 256; b++) {
            // whole runs of one (red, green) pair, and every grey
            set.add(0x7F_40_00 | b);
            set.add(b << 16 | b << 8 | b);
        }
        set.add(0xFF_FF_FF);
        int[] codes = set.stream().mapToInt(Integer::intValue).toArray();
        short[][] planes = new short[3][codes.length];
        for (int k = 0; k < codes.length; k++) {
            planes[0][k] = (short) (codes[k] >>> 16);
            planes[1][k] = (short) (codes[k] >>> 8 & 0xFF);
            planes[2][k] = (short) (codes[k] & 0xFF);
        }
        float[][] expected = Colour.forwardAt(planes, 255, Space.LAB, null);
        float[][] got = Colour.labOfCodes(codes);
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < codes.length; k++) {
                assertEquals(Float.floatToRawIntBits(expected[c][k]), Float.floatToRawIntBits(got[c][k]),
                    "channel " + c + " colour " + Integer.toHexString(codes[k]));
            }
        }
    }
}
