package io.redistributor.bench;

import io.redistributor.ParametricDistribution;

/** Reproducible benchmark inputs. */
final class Samples {
    /** Seed of every benchmark input, so that runs compare like with like. */
    static final long SEED = 20240917L;

    private Samples() {
    }

    /**
     * Lognormal(0, 1) samples: skewed, with a long right tail, the hard case for value-based
     * bucketing.
     *
     * @param n number of values
     * @return n values drawn with {@link #SEED}
     */
    static double[] lognormal(int n) {
        return ParametricDistribution.of("lognormal", 0, 1).sample(n, SEED);
    }

    /**
     * Standard normal samples: values on both sides of zero, like standardized features.
     *
     * @param n number of values
     * @return n values drawn with {@link #SEED}
     */
    static double[] normal(int n) {
        return ParametricDistribution.standardNormal().sample(n, SEED);
    }

    /**
     * The values rounded to float.
     *
     * @param x values
     * @return a float copy
     */
    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}
