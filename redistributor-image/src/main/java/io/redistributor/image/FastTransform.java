package io.redistributor.image;

import io.redistributor.Distribution;
import io.redistributor.LearnedDistribution;

/**
 * Evaluates the transform R(x) = T⁻¹(S(x)) of a learned source S on float arrays with the same
 * result as the core's {@code Redistributor}, but with the lattice interval of each value found
 * through a bucket index and a bisection inside the bucket instead of a search of the whole
 * lattice. The cdf at each lattice value is taken from S's own {@code cdf} once, and values
 * outside the lattice or NaN are handed to it, so ties and out-of-support rules
 * are the core's. Immutable and thread-safe.
 */
final class FastTransform {

    private final LearnedDistribution source;
    private final Distribution target;
    private final double[] v;
    private final double[] p;
    private final double v0;
    private final double vLast;
    private final double scale;
    /** first[b]: the largest lattice index whose value is at or below the bucket's lower edge. */
    private final int[] first;
    /** cdf at each lattice value, stored at the last index of its run of equal values. */
    private final double[] atLattice;
    /** Last index of the run of values equal to the first lattice value. */
    private final int firstRunEnd;

    FastTransform(LearnedDistribution source, Distribution target) {
        this.source = source;
        this.target = target;
        this.v = source.values();
        this.p = source.probabilities();
        this.v0 = v[0];
        this.vLast = v[v.length - 1];
        int buckets = 4 * v.length;
        this.scale = buckets / (vLast - v0);
        this.first = new int[buckets + 1];
        int i = 0;
        for (int b = 0; b <= buckets; b++) {
            double edge = v0 + b / scale;
            while (i + 1 < v.length && v[i + 1] <= edge) {
                i++;
            }
            first[b] = i;
        }
        // a value repeated on the lattice (common in 8-bit data) is looked up once here rather
        // than once per pixel: the core finds the middle of a run by walking it
        int end = 0;
        while (v[end + 1] == v0) {
            end++;
        }
        this.firstRunEnd = end;
        this.atLattice = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            if (k == v.length - 1 || v[k + 1] != v[k]) {
                atLattice[k] = source.cdf(v[k]);
            }
        }
    }

    /** The source cdf of x, exactly as the core computes it. */
    double cdf(double x) {
        if (!(x > v0 && x < vLast)) {
            // the ends of the lattice are often long runs of ties (black, white): use the stored values
            return x == v0 ? atLattice[firstRunEnd] : x == vLast ? atLattice[v.length - 1] : source.cdf(x);
        }
        int b = Math.min((int) ((x - v0) * scale), first.length - 1);
        // the last lattice index at or below x lies between the neighbouring buckets' entries (one
        // bucket of slack absorbs rounding of the bucket edges); bisect there, so crowded buckets
        // cost O(log) too
        int lo = first[Math.max(0, b - 1)];
        int top = Math.min(v.length - 2, first[Math.min(first.length - 1, b + 2)]);
        while (lo < top) {
            int mid = (lo + top + 1) >>> 1;
            if (v[mid] <= x) {
                lo = mid;
            } else {
                top = mid - 1;
            }
        }
        if (v[lo] == x && v[lo + 1] != x) {
            // on a lattice value: lo is the last index of its run
            return atLattice[lo];
        }
        if (v[lo] > x || v[lo + 1] <= x) {
            // a bracket missed by rounding
            return source.cdf(x);
        }
        int hi = lo + 1;
        return p[lo] + (x - v[lo]) * ((p[hi] - p[lo]) / (v[hi] - v[lo]));
    }

    /** R(x). */
    double apply(double x) {
        return target.quantile(cdf(x));
    }

    /** In place on x[from, to); a run of equal values (a flat image region) is mapped once. */
    void apply(float[] x, int from, int to) {
        float last = Float.NaN;
        float mapped = Float.NaN;
        for (int i = from; i < to; i++) {
            float xi = x[i];
            if (xi != last) {
                last = xi;
                mapped = (float) target.quantile(cdf(xi));
            }
            x[i] = mapped;
        }
    }

    /** On the whole array, in place, in parallel blocks. */
    void applyAll(float[] x) {
        Parallel.forRange(x.length, (from, to) -> apply(x, from, to));
    }
}
