package io.redistributor.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageMetricsTest {

    private static Image flat(int rgb) {
        int[] p = new int[64];
        Arrays.fill(p, rgb);
        return Image.rgb8(8, 8, p);
    }

    @Test
    void channelDistancesOfFlatImagesArePublishedLabDifferences() {
        // CIELAB (D65) of sRGB red is (53.24, 80.09, 67.20) and of white (100, 0, 0), as tabulated
        // in standard colour references (e.g. Lindbloom's calculator); they are given to 2 decimals
        double[] w = ImageMetrics.channelWasserstein(flat(0xFF0000), flat(0xFFFFFF));
        assertEquals(100 - 53.24, w[0], 0.01);
        assertEquals(80.09, w[1], 0.01);
        assertEquals(67.20, w[2], 0.01);
    }

    @Test
    void distancesVanishOnIdenticalImagesAndAreSymmetric() {
        Image a = PerChannelTest.random(30, 30, 8, 1, 0, 255);
        Image b = PerChannelTest.random(20, 25, 8, 2, 40, 200);
        for (double d : ImageMetrics.channelWasserstein(a, a)) {
            assertEquals(0, d);
        }
        assertEquals(0, ImageMetrics.slicedWasserstein(a, a, 16, 3));
        assertEquals(ImageMetrics.slicedWasserstein(a, b, 16, 3), ImageMetrics.slicedWasserstein(b, a, 16, 3), 1e-9);
        assertTrue(ImageMetrics.slicedWasserstein(a, b, 16, 3) > 1);
    }

    @Test
    void slicedDistanceOfAShiftIsTheMeanProjectedShift() {
        // shifting L* only by d moves every projection on unit u by d * u_L, so the sliced
        // distance is d * E|u_L| = d / 2 for directions uniform on the sphere
        Image a = flat(0x808080);
        Image b = flat(0xA0A0A0);
        double dl = ImageMetrics.channelWasserstein(a, b)[0];
        double sw = ImageMetrics.slicedWasserstein(a, b, 4000, 5);
        // Monte Carlo over 4000 directions: sd of |u_L| is 0.29, so the mean is within 3 sd / sqrt(4000) = 0.014 of 1/2
        assertEquals(dl / 2, sw, 0.014 * dl);
    }

    @Test
    void ssimIsOneForIdenticalAndDropsWithNoise() {
        Image a = Photos.read("chelsea.png", 4);
        assertEquals(1, ImageMetrics.ssimLuminance(a, a), 1e-6);
        short[][] noisy = new short[3][];
        SplittableRandom rng = new SplittableRandom(1);
        for (int c = 0; c < 3; c++) {
            noisy[c] = new short[a.pixels()];
            int[] p = a.plane(c);
            for (int i = 0; i < p.length; i++) {
                noisy[c][i] = (short) Math.max(0, Math.min(255, p[i] + rng.nextInt(81) - 40));
            }
        }
        double s = ImageMetrics.ssimLuminance(a, Image.of(a.width(), a.height(), 8, noisy, null));
        assertTrue(s < 0.8 && s > 0, "ssim " + s);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ImageMetrics.ssimLuminance(a, a.downscale(2)));
        assertTrue(e.getMessage().contains("same size"));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.slicedWasserstein(a, a, 0, 1));
    }
}
