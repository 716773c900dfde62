package io.redistributor.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class FastTransformTest {

    /** The bucket index must give exactly the core's cdf, also with ties, outliers and values next to lattice points. */
    @Property(tries = 40)
    void cdfIsTheCoresCdf(@ForAll long seed, @ForAll @IntRange(min = 3, max = 20000) int n) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            // heavy tails, and a third of the values rounded to a coarse grid (ties)
            double v = Math.tan(Math.PI * (u - 0.5)) * 0.01;
            x[i] = (float) (rng.nextInt(3) == 0 ? Math.round(v * 100) / 100.0 : v);
        }
        x[0] = 0;
        x[1] = 1;
        LearnedDistribution d = OrderStatistics.fit(x);
        FastTransform f = new FastTransform(d, ParametricDistribution.uniform(0, 1));
        double[] lattice = d.values();
        for (double v : lattice) {
            for (double probe : new double[] {v, Math.nextUp(v), Math.nextDown(v), v + 1e-7, v - 1e-7}) {
                assertEquals(d.cdf(probe), f.cdf(probe), "at " + probe);
            }
        }
        for (int k = 0; k < 2000; k++) {
            double probe = lattice[0] + (lattice[lattice.length - 1] - lattice[0]) * rng.nextDouble() * 1.1 - 0.05;
            assertEquals(d.cdf(probe), f.cdf(probe), "at " + probe);
        }
    }

    /** With a learned target the quantile is evaluated here: it must be the core's, bit for bit. */
    @Property(tries = 30)
    void learnedTargetGivesTheCoresTransform(@ForAll long seed, @ForAll @IntRange(min = 3, max = 20000) int n) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextInt(4) == 0 ? rng.nextInt(10) : rng.nextGaussian());
        }
        float[] y = skewedTarget(rng, n / 3);
        // at least two distinct values on each side, however small n is
        x[0] = -1;
        x[1] = 2;
        LearnedDistribution s = OrderStatistics.fit(x);
        LearnedDistribution t = OrderStatistics.fit(y);
        FastTransform f = new FastTransform(s, t);
        io.redistributor.Redistributor r = io.redistributor.Redistributor.of(s, t);
        for (double v : s.values()) {
            for (double probe : new double[] {v, Math.nextUp(v), Math.nextDown(v)}) {
                assertEquals(t.quantile(s.cdf(probe)), f.apply(probe), "at " + probe);
                assertEquals(r.transform(probe), f.apply(probe), "at " + probe);
            }
        }
        for (int k = 0; k < 2000; k++) {
            double probe = rng.nextGaussian() * 3;
            assertEquals(t.quantile(s.cdf(probe)), f.apply(probe), "at " + probe);
        }
        assertEquals(Double.NaN, f.apply(Double.NaN));
        // the array form (its own copy of the fast path), on the source values themselves
        assertArrayFormIsQuantileOfCdf(f, s, t, x);
    }

    /**
     * With a parametric target the transform is the target's quantile of the core's cdf, bit for
     * bit: on lattice values, next to them (inside the cells that hold one lattice value) and
     * between them, for dense data where most cells hold a lattice value.
     */
    @Property(tries = 30)
    void parametricTargetGivesTheCoresTransform(@ForAll long seed, @ForAll @IntRange(min = 3, max = 200000) int n) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        float[] x = denseBand(rng, n);
        LearnedDistribution s = OrderStatistics.fit(x);
        ParametricDistribution t = ParametricDistribution.parse("normal:0,1");
        FastTransform f = new FastTransform(s, t);
        for (double v : s.values()) {
            for (double probe : new double[] {v, Math.nextUp(v), Math.nextDown(v), v + 1e-6, v - 1e-6}) {
                assertEquals(t.quantile(s.cdf(probe)), f.apply(probe), "at " + probe);
            }
        }
        for (int k = 0; k < 5000; k++) {
            double probe = rng.nextGaussian() * (rng.nextBoolean() ? 1 : 100);
            assertEquals(t.quantile(s.cdf(probe)), f.apply(probe), "at " + probe);
        }
        assertArrayFormIsQuantileOfCdf(f, s, t, x);
    }

    /**
     * The array form against the core's transform value by value, with a learned target, on
     * values next to every source lattice value (inside the cells that hold one, on either side
     * of it, where the array form picks the segment itself and guesses the target segment), on
     * the lattice values, next to the values where the cdf meets a target lattice probability,
     * and between: dense data, so that many cells hold a lattice value.
     */
    @Property(tries = 30)
    void arrayFormWithLearnedTargetIsTheCoresTransform(@ForAll long seed, @ForAll @IntRange(min = 3, max = 200000) int n) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        float[] x = denseBand(rng, n);
        float[] y = skewedTarget(rng, n / 2);
        LearnedDistribution s = OrderStatistics.fit(x);
        LearnedDistribution t = OrderStatistics.fit(y);
        io.redistributor.Redistributor r = io.redistributor.Redistributor.of(s, t);
        FastTransform f = new FastTransform(s, t);
        double[] lattice = s.values();
        java.util.List<Float> probes = new java.util.ArrayList<>();
        for (double v : lattice) {
            float fv = (float) v;
            for (float probe : new float[] {fv, Math.nextUp(fv), Math.nextDown(fv), Math.nextUp(Math.nextUp(fv)),
                (float) (v + 1e-5), (float) (v - 1e-5), (float) (v + 1e-4), (float) (v - 1e-4)}) {
                probes.add(probe);
            }
        }
        for (double q : t.probabilities()) {
            // where the source cdf meets a target lattice probability
            float at = (float) s.quantile(Math.min(1, Math.max(0, q)));
            probes.add(at);
            probes.add(Math.nextUp(at));
            probes.add(Math.nextDown(at));
        }
        for (int k = 0; k < 20000; k++) {
            probes.add((float) (rng.nextGaussian() * (rng.nextBoolean() ? 1 : 100)));
        }
        float[] mapped = new float[probes.size()];
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = probes.get(i);
        }
        f.apply(mapped, 0, mapped.length);
        for (int i = 0; i < mapped.length; i++) {
            float p = probes.get(i);
            assertEquals((float) r.transform(p), mapped[i], "at " + p);
        }
    }

    /**
     * Most values in a narrow normal band, one in 50 far out, with -1 and 2 among them: the band's
     * lattice segments are narrower than a cell, so many cells hold one lattice value.
     */
    private static float[] denseBand(java.util.SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextInt(50) == 0 ? rng.nextGaussian() * 100 : rng.nextGaussian());
        }
        x[0] = -1;
        x[1] = 2;
        return x;
    }

    /** The array form (its own copy of the fast path) on x gives t's quantile of s's cdf of each value. */
    private static void assertArrayFormIsQuantileOfCdf(FastTransform f, LearnedDistribution s,
                                                       io.redistributor.Distribution t, float[] x) {
        float[] mapped = x.clone();
        f.apply(mapped, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals((float) t.quantile(s.cdf(x[i])), mapped[i], "at " + x[i]);
        }
    }

    /**
     * The float array form widens chunks of its range into doubles, maps them and narrows them
     * back: on ranges of several chunks that start and end anywhere, or end on a chunk edge, and
     * on empty ranges, every
     * value in the range is the core's transform rounded to float, in its own place, and the
     * values outside the range are left as they were.
     */
    @Property(tries = 30)
    void arrayFormMapsExactlyItsRange(@ForAll long seed, @ForAll @IntRange(min = 2100, max = 6000) int n) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        float[] x = denseBand(rng, n);
        LearnedDistribution s = OrderStatistics.fit(x);
        LearnedDistribution t = OrderStatistics.fit(skewedTarget(rng, n));
        io.redistributor.Redistributor r = io.redistributor.Redistributor.of(s, t);
        FastTransform f = new FastTransform(s, t);
        // at least half of the values, so at least two chunks of 1024
        int from = rng.nextInt(n / 4);
        int to = n - rng.nextInt(n / 4);
        int shape = rng.nextInt(4);
        if (shape == 0) {
            // ending on a chunk edge of the float form (n - from is at least 1575)
            to = from + 1024 * ((n - from) / 1024);
        } else if (shape == 1) {
            to = from;
        }
        float[] mapped = x.clone();
        f.apply(mapped, from, to);
        for (int i = 0; i < n; i++) {
            float expected = i >= from && i < to ? (float) r.transform(x[i]) : x[i];
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(mapped[i]),
                "at index " + i + " of [" + from + ", " + to + ")");
        }
    }

    /** A skewed target sample with a run of ties at 0, of at least 3 values with 0 and 1 among them. */
    private static float[] skewedTarget(java.util.SplittableRandom rng, int size) {
        float[] y = new float[Math.max(3, size)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (rng.nextInt(5) == 0 ? 0 : Math.exp(rng.nextGaussian()));
        }
        y[0] = 0;
        y[1] = 1;
        return y;
    }
}
