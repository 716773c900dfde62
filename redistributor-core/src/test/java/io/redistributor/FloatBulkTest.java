package io.redistributor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The float bulk forms (learned cdf, normal quantile, transform) work through a double buffer in
 * chunks; on any range of an array, at any offset, of any length around the chunk sizes, and in
 * place, each must give the scalar double result rounded to float, and leave the rest of the
 * destination untouched.
 */
class FloatBulkTest {

    /** A float bulk operation on (src, srcPos, dst, dstPos, length). */
    private interface FloatBulk {
        void apply(float[] src, int srcPos, float[] dst, int dstPos, int length);
    }

    private static final int[] LENGTHS = {0, 1, 7, 511, 512, 513, 1024, 1500, 8191, 8193, 40_000};

    private static void assertRangesMatchScalar(FloatBulk bulk, DoubleUnaryOperator scalar, float[] values,
                                                String what) {
        SplittableRandom rng = new SplittableRandom(20261128L);
        for (int length : LENGTHS) {
            int srcPos = rng.nextInt(0, 600);
            int dstPos = rng.nextInt(0, 600);
            float[] src = new float[srcPos + length + 3];
            for (int i = 0; i < src.length; i++) {
                src[i] = values[rng.nextInt(values.length)];
            }
            float[] dst = new float[dstPos + length + 5];
            Arrays.fill(dst, -7.5f);
            bulk.apply(src, srcPos, dst, dstPos, length);
            float[] inPlace = src.clone();
            bulk.apply(inPlace, srcPos, inPlace, srcPos, length);
            for (int i = 0; i < dst.length; i++) {
                int k = i - dstPos;
                if (k < 0 || k >= length) {
                    assertEquals(-7.5f, dst[i], 0.0f, what + ": written outside the range at " + i);
                    continue;
                }
                float expected = (float) scalar.applyAsDouble(src[srcPos + k]);
                int at = k;
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(dst[i]),
                    () -> what + ", length " + length + ", index " + at + " of " + src[srcPos + at]);
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(inPlace[srcPos + k]),
                    () -> what + " in place, length " + length + ", index " + at);
            }
            for (int i = 0; i < src.length; i++) {
                if (i < srcPos || i >= srcPos + length) {
                    assertEquals(Float.floatToIntBits(src[i]), Float.floatToIntBits(inPlace[i]),
                        what + " in place: written outside the range at " + i);
                }
            }
        }
    }

    private static float[] normalValues(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextGaussian() * 3 + 1);
        }
        v[0] = Float.NaN;
        v[1] = Float.POSITIVE_INFINITY;
        v[2] = Float.NEGATIVE_INFINITY;
        v[3] = -0.0f;
        return v;
    }

    /** The finite values of {@link #normalValues} as doubles, to fit a distribution to. */
    private static double[] finite(long seed, int n) {
        float[] data = normalValues(seed, n);
        double[] fit = new double[n - 4];
        for (int i = 0; i < fit.length; i++) {
            fit[i] = data[i + 4];
        }
        return fit;
    }

    @Test
    void learnedCdfOnAnyRange() {
        LearnedDistribution d = LearnedDistribution.fitter().withBins(200).fit(finite(1, 3000));
        assertRangesMatchScalar(d::cdf, d::cdf, normalValues(2, 5000), "learned cdf");
    }

    @Test
    void normalQuantileOnAnyRange() {
        ParametricDistribution d = ParametricDistribution.normal(3, 2);
        SplittableRandom rng = new SplittableRandom(3);
        float[] p = new float[5000];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % 50 == 0 ? (float) Math.pow(10, -40 * rng.nextDouble()) : (float) rng.nextDouble();
        }
        p[0] = 0;
        p[1] = 1;
        p[2] = Float.NaN;
        assertRangesMatchScalar(d::quantile, d::quantile, p, "normal quantile");
    }

    @Test
    void transformOnAnyRange() {
        Redistributor r = Redistributor.of(LearnedDistribution.fit(finite(4, 3000)), ParametricDistribution.normal(0, 1));
        assertRangesMatchScalar(r::transform, x -> r.transform(x), normalValues(5, 5000), "transform");
    }

    @Test
    void normalQuantileRejectsAProbabilityOutsideTheUnitInterval() {
        ParametricDistribution d = ParametricDistribution.normal(0, 1);
        float[] p = new float[2000];
        Arrays.fill(p, 0.25f);
        p[1300] = 1.5f;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> d.quantile(p, 0, new float[p.length], 0, p.length));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }
}
