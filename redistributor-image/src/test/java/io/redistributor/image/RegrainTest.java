package io.redistributor.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The banded wavefront solver against {@link RegrainReference}, plain whole-image Jacobi sweeps:
 * the float results must be identical bit for bit, whatever the band height and thread count.
 */
class RegrainTest {

    /** Smooth colour ramps with noise and a sharp step, so that ψ and φ take their whole range. */
    private static float[][] planes(int chans, int w, int h, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] p = new float[chans][w * h];
        for (int c = 0; c < chans; c++) {
            double fx = 1 + 4 * rng.nextDouble();
            double fy = 1 + 4 * rng.nextDouble();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.4 + 0.3 * Math.sin(fx * x / w * Math.PI) * Math.cos(fy * y / h * Math.PI)
                        + 0.05 * rng.nextDouble() + (x > w / 3 ? 0.2 : 0);
                    p[c][y * w + x] = (float) v;
                }
            }
        }
        return p;
    }

    private static float[][] copy(float[][] p) {
        float[][] c = new float[p.length][];
        for (int i = 0; i < p.length; i++) {
            c[i] = p[i].clone();
        }
        return c;
    }

    private static void assertSame(float[][] expected, float[][] actual, String what) {
        for (int c = 0; c < expected.length; c++) {
            assertArrayEquals(expected[c], actual[c], what + ", channel " + c);
        }
    }

    @Test
    void regrainEqualsThePlainReferenceBitForBit() {
        // one-pixel and thin images (every pixel on the border), odd sizes with one level, and
        // sizes with two and four pyramid levels (a level is added while both halves exceed 20)
        int[][] sizes = {{1, 1}, {2, 3}, {1, 9}, {9, 2}, {7, 5}, {45, 43}, {64, 23}, {181, 171}};
        for (int[] s : sizes) {
            for (int chans : new int[] {1, 3}) {
                float[][] source = planes(chans, s[0], s[1], 1);
                float[][] result = planes(chans, s[0], s[1], 2);
                float[][] expected = RegrainReference.apply(source, copy(result), s[0], s[1], 1);
                float[][] actual = Regrain.apply(source, copy(result), s[0], s[1], 1);
                assertSame(expected, actual, s[0] + " x " + s[1] + ", " + chans + " channels");
            }
        }
    }

    @Test
    void everyBandHeightAndThreadCountGivesTheReferenceSweeps() throws Exception {
        // 301 x 257 pixels: above the parallel threshold, so that the bands run on the pools; the
        // coarse level (150 x 128) is not exactly half, so upsampling weights vary along rows
        int w = 301;
        int h = 257;
        float[][] source = planes(3, w, h, 3);
        float[][] result = planes(3, w, h, 4);
        float[][] coarse = planes(3, w / 2, h / 2, 5);
        float[][] start = RegrainReference.upsample(coarse, w / 2, h / 2, w, h);
        // sweeps, rows per band, threads: bands of one row (all halo), bands that do not divide
        // the height, a single band, on one thread and on three
        int[][] cases = {{1, 1, 1}, {2, 3, 3}, {5, 1, 3}, {5, 7, 1}, {5, 40, 3}, {5, h, 3}};
        int done = 0;
        float[][] expected = null;
        float[][] fromResult = null;
        for (int[] k : cases) {
            int sweeps = k[0];
            if (sweeps != done) {
                expected = RegrainReference.solve(start, source, result, w, h, sweeps, 0.5, 1);
                // without a coarser level the first iterate is the transfer result itself
                fromResult = RegrainReference.solve(result, source, result, w, h, sweeps, 0.5, 1);
                done = sweeps;
            }
            float[][] a = copy(result);
            float[][] b = copy(result);
            ForkJoinPool pool = new ForkJoinPool(k[2]);
            try {
                pool.submit(() -> {
                    RegrainSolver.solve(source, a, coarse, w / 2, h / 2, w, h, sweeps, 0.5, 1, k[1]);
                    RegrainSolver.solve(source, b, null, 0, 0, w, h, sweeps, 0.5, 1, k[1]);
                }).get();
            } finally {
                pool.shutdown();
            }
            String what = sweeps + " sweeps, " + k[1] + " rows per band, " + k[2] + " threads";
            assertSame(expected, a, what);
            assertSame(fromResult, b, what + ", from the result");
        }
    }
}
