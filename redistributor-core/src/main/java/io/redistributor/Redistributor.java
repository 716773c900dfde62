package io.redistributor;

import java.util.stream.IntStream;

/**
 * The transform R = F_T⁻¹ ∘ F_S that makes samples of a source distribution S follow a target
 * distribution T, and its inverse F_S⁻¹ ∘ F_T.
 *
 * <p>Edge cases: NaN passes through unchanged. Values outside the source's support map as the
 * source's cdf maps them (for a {@link LearnedDistribution}: to the first or last lattice
 * probability, or NaN beyond a given bound), ±∞ likewise. The inverse of a value outside the
 * target's support is the source quantile of 0 or 1.
 *
 * <p>The bulk methods split arrays longer than {@value #PARALLEL_THRESHOLD} values into fixed
 * blocks evaluated on the common fork-join pool. Each value is computed independently, so the
 * result is identical for any number of threads. They allocate nothing per value.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Redistributor {

    /** Arrays at least this long are processed in parallel. */
    public static final int PARALLEL_THRESHOLD = 1 << 16;
    /** Block length of parallel work. */
    static final int BLOCK = 1 << 13;
    /** Values per task of the float path, which allocates one buffer of Widening.CHUNK doubles per task. */
    static final int TASK = 1 << 15;

    private final Distribution source;
    private final Distribution target;

    private Redistributor(Distribution source, Distribution target) {
        this.source = source;
        this.target = target;
    }

    /**
     * Creates the transform from source to target.
     *
     * @param source the distribution of the data, e.g. a {@link LearnedDistribution}
     * @param target the distribution the data should follow
     * @return the transform
     * @throws IllegalArgumentException if either is null
     */
    public static Redistributor of(Distribution source, Distribution target) {
        return new Redistributor(Checks.notNull(source, "source"), Checks.notNull(target, "target"));
    }

    /**
     * The source distribution S.
     *
     * @return the source
     */
    public Distribution source() {
        return source;
    }

    /**
     * The target distribution T.
     *
     * @return the target
     */
    public Distribution target() {
        return target;
    }

    /**
     * The transform with source and target swapped.
     *
     * @return F_S⁻¹ ∘ F_T as a redistributor
     */
    public Redistributor inverted() {
        return new Redistributor(target, source);
    }

    /**
     * Transforms one value: T⁻¹(S(x)).
     *
     * @param x a value; NaN gives NaN
     * @return the transformed value
     */
    public double transform(double x) {
        return target.quantile(source.cdf(x));
    }

    /**
     * Inverse transform of one value: S⁻¹(T(y)).
     *
     * @param y a value; NaN gives NaN
     * @return the value in the source's scale
     */
    public double inverse(double y) {
        return source.quantile(target.cdf(y));
    }

    /**
     * Transforms a new copy of x.
     *
     * @param x values (not modified)
     * @return the transformed values
     */
    public double[] transform(double[] x) {
        Checks.notNull(x, "x");
        double[] out = new double[x.length];
        transform(x, 0, out, 0, x.length);
        return out;
    }

    /**
     * Inverse transforms a new copy of y.
     *
     * @param y values (not modified)
     * @return the inverse transformed values
     */
    public double[] inverse(double[] y) {
        Checks.notNull(y, "y");
        double[] out = new double[y.length];
        inverse(y, 0, out, 0, y.length);
        return out;
    }

    /**
     * Transforms {@code src[srcPos, srcPos + length)} into {@code dst[dstPos, …)}; the two may be
     * the same array at the same offset (in place).
     *
     * @param src values
     * @param srcPos first source index
     * @param dst destination
     * @param dstPos first destination index
     * @param length number of values
     */
    public void transform(double[] src, int srcPos, double[] dst, int dstPos, int length) {
        apply(source, target, src, srcPos, dst, dstPos, length);
    }

    /**
     * Inverse transform of a range; see {@link #transform(double[], int, double[], int, int)}.
     *
     * @param src values
     * @param srcPos first source index
     * @param dst destination
     * @param dstPos first destination index
     * @param length number of values
     */
    public void inverse(double[] src, int srcPos, double[] dst, int dstPos, int length) {
        apply(target, source, src, srcPos, dst, dstPos, length);
    }

    /**
     * Transforms {@code float} values (computed in double precision, rounded once to float).
     *
     * @param src values
     * @param srcPos first source index
     * @param dst destination
     * @param dstPos first destination index
     * @param length number of values
     */
    public void transform(float[] src, int srcPos, float[] dst, int dstPos, int length) {
        apply(source, target, src, srcPos, dst, dstPos, length);
    }

    /**
     * Inverse transform of {@code float} values.
     *
     * @param src values
     * @param srcPos first source index
     * @param dst destination
     * @param dstPos first destination index
     * @param length number of values
     */
    public void inverse(float[] src, int srcPos, float[] dst, int dstPos, int length) {
        apply(target, source, src, srcPos, dst, dstPos, length);
    }

    /**
     * Transforms the whole array in place.
     *
     * @param x values, replaced by their transforms
     */
    public void transformInPlace(double[] x) {
        Checks.notNull(x, "x");
        transform(x, 0, x, 0, x.length);
    }

    /**
     * Transforms the whole {@code float} array in place.
     *
     * @param x values, replaced by their transforms
     */
    public void transformInPlace(float[] x) {
        Checks.notNull(x, "x");
        transform(x, 0, x, 0, x.length);
    }

    private static void apply(Distribution from, Distribution to, double[] src, int srcPos, double[] dst,
                              int dstPos, int length) {
        Checks.notNull(src, "src");
        Checks.notNull(dst, "dst");
        Checks.ranges(src.length, srcPos, dst.length, dstPos, length);
        if (length < PARALLEL_THRESHOLD) {
            block(from, to, src, srcPos, dst, dstPos, length);
            return;
        }
        int blocks = (length + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int start = b * BLOCK;
            int len = Math.min(BLOCK, length - start);
            block(from, to, src, srcPos + start, dst, dstPos + start, len);
        });
    }

    private static void block(Distribution from, Distribution to, double[] src, int srcPos, double[] dst,
                              int dstPos, int len) {
        from.cdf(src, srcPos, dst, dstPos, len);
        to.quantile(dst, dstPos, dst, dstPos, len);
    }

    private static void apply(Distribution from, Distribution to, float[] src, int srcPos, float[] dst,
                              int dstPos, int length) {
        Checks.notNull(src, "src");
        Checks.notNull(dst, "dst");
        Checks.ranges(src.length, srcPos, dst.length, dstPos, length);
        // Tasks of TASK values share one double buffer of Widening.CHUNK values: no allocation per value
        // and only a few per call.
        int tasks = (length + TASK - 1) / TASK;
        IntStream range = IntStream.range(0, tasks);
        if (length >= PARALLEL_THRESHOLD) {
            range = range.parallel();
        }
        range.forEach(t -> {
            int start = t * TASK;
            int end = (int) Math.min((long) (t + 1) * TASK, length);
            Widening.apply(src, srcPos + start, dst, dstPos + start, end - start,
                (s, sp, d, dp, n) -> block(from, to, s, sp, d, dp, n));
        });
    }
}
