package io.redistributor.image;

import io.redistributor.Distribution;
import io.redistributor.LearnedDistribution;

/**
 * Evaluates the transform R(x) = T⁻¹(S(x)) of a learned source S on float arrays with the same
 * result as the core's {@code Redistributor}, but with the lattice interval of each value found
 * through a bucket index instead of a search of the whole lattice, and the slope of every
 * lattice segment computed once. The lattice is quantile-spaced, so where the data crowd a grid
 * cell holds several lattice points: the cells give starting points of short forward walks. The cdf at each lattice value is taken from S's own {@code cdf}
 * once, and values outside the lattice or NaN are handed to it, so ties and out-of-support rules
 * are the core's. A learned target's quantile is evaluated here with the core's arithmetic
 * (the same segment, the same expression), any other target through its own {@code quantile}.
 * Immutable and thread-safe.
 */
final class FastTransform {

    private final LearnedDistribution source;
    private final Distribution target;
    private final double[] v;
    private final double[] p;
    /**
     * Per lattice segment k, side by side so that one lookup touches one cache line:
     * v[k], p[k], the slope (p[k + 1] - p[k]) / (v[k + 1] - v[k]) as the core computes it, v[k + 1].
     */
    private final double[] seg;
    private final double v0;
    private final double vLast;
    private final double scale;
    /** first[b]: the largest lattice index whose value is at or below the bucket's lower edge. */
    private final int[] first;
    /** cdf at each lattice value, stored at the last index of its run of equal values. */
    private final double[] atLattice;
    /** Last index of the run of values equal to the first lattice value. */
    private final int firstRunEnd;
    /** Lattice of a learned target (null for other targets): probabilities, values, slopes. */
    private final double[] tq;
    private final double[] tv;
    /** Per target segment k, side by side: q[k], value[k], slope, q[k + 1]. */
    private final double[] tSeg;
    private final double tInvStep;
    /** Cells per unit of x of the uniform search grid over [v0, vLast] (see {@link #cells}). */
    private final double cellScale;
    /** Per cell: where the searches for the source and the target segment start. */
    private final int[] cell;

    FastTransform(LearnedDistribution source, Distribution target) {
        this.source = source;
        this.target = target;
        this.v = source.values();
        this.p = source.probabilities();
        this.v0 = v[0];
        this.vLast = v[v.length - 1];
        this.seg = new double[4 * v.length];
        for (int k = 0; k + 1 < v.length; k++) {
            seg[4 * k] = v[k];
            seg[4 * k + 1] = p[k];
            seg[4 * k + 2] = (p[k + 1] - p[k]) / (v[k + 1] - v[k]);
            seg[4 * k + 3] = v[k + 1];
        }
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
        if (target instanceof LearnedDistribution) {
            LearnedDistribution t = (LearnedDistribution) target;
            tq = t.probabilities();
            tv = t.values();
            tSeg = new double[4 * tq.length];
            for (int k = 0; k + 1 < tq.length; k++) {
                tSeg[4 * k] = tq[k];
                tSeg[4 * k + 1] = tv[k];
                tSeg[4 * k + 2] = (tv[k + 1] - tv[k]) / (tq[k + 1] - tq[k]);
                tSeg[4 * k + 3] = tq[k + 1];
            }
            // the core's spacing of its probability lattice, so that the first guess is the same
            double step = (tq[tq.length - 1] - tq[0]) / (tq.length - 1);
            tInvStep = 1 / step;
        } else {
            tq = null;
            tv = null;
            tSeg = null;
            tInvStep = Double.NaN;
        }
        this.cellScale = CELLS / (vLast - v0);
        this.cell = cells(CELLS);
    }

    /** Cells of the search grid (in {@link #apply(double)}). */
    private static final int CELLS = 1 << 18;

    /**
     * For each cell j of the uniform grid over [v0, vLast], where to start the searches for an x
     * whose (x − v0) × cellScale falls in it: the last source lattice index at or below the cell's
     * lower edge, and the last target lattice probability at or below the cdf there (0 when the
     * target is not learned). They are starting points only: the fast path steps forward from
     * them and checks that x and S(x) lie strictly inside the segments it ends on, and hands any
     * other case (rounding at a cell edge, a lattice value hit) to the exact path.
     */
    private int[] cells(int cells) {
        int[] c = new int[2 * cells];
        int lo = 0;
        int k = 0;
        for (int j = 0; j < cells; j++) {
            double edge = v0 + j / cellScale;
            while (lo + 2 < v.length && v[lo + 1] <= edge) {
                lo++;
            }
            c[2 * j] = lo;
            if (tq != null) {
                double u = cdf(edge);
                while (k + 2 < tq.length && tq[k + 1] <= u) {
                    k++;
                }
                c[2 * j + 1] = k;
            }
        }
        return c;
    }

    /** The source cdf of x, exactly as the core computes it. */
    double cdf(double x) {
        if (!(x > v0 && x < vLast)) {
            // the ends of the lattice are often long runs of ties (black, white): use the stored values
            return x == v0 ? atLattice[firstRunEnd] : x == vLast ? atLattice[v.length - 1] : source.cdf(x);
        }
        int b = Math.min((int) ((x - v0) * scale), first.length - 2);
        // first[b] is the answer up to rounding of the bucket edges: step to the last lattice
        // index at or below x; a crowded bucket is bisected instead
        int lo = first[b];
        int top = first[b + 1];
        if (top - lo > 4) {
            lo = Math.max(0, first[Math.max(0, b - 1)]);
            top = Math.min(v.length - 2, first[Math.min(first.length - 1, b + 2)]);
            while (lo < top) {
                int mid = (lo + top + 1) >>> 1;
                if (v[mid] <= x) {
                    lo = mid;
                } else {
                    top = mid - 1;
                }
            }
        }
        while (v[lo + 1] <= x) {
            lo++;
        }
        while (v[lo] > x) {
            lo--;
        }
        if (v[lo] == x) {
            // on a lattice value: lo is the last index of its run
            return atLattice[lo];
        }
        return p[lo] + (x - v[lo]) * seg[4 * lo + 2];
    }

    /** T⁻¹(u): the core's quantile of a learned target (same segment, same expression). */
    private double quantile(double u) {
        if (tq == null) {
            return target.quantile(u);
        }
        if (u != u) {
            return Double.NaN;
        }
        double[] q = tq;
        int last = q.length - 1;
        if (u <= q[0]) {
            return tv[0];
        }
        if (u >= q[last]) {
            return tv[last];
        }
        int k = (int) ((u - q[0]) * tInvStep);
        if (k > last - 1) {
            k = last - 1;
        }
        int at = 4 * k;
        if (tSeg[at] < u && u < tSeg[at + 3]) {
            // the first guess is right (the common case)
            return tSeg[at + 1] + (u - tSeg[at]) * tSeg[at + 2];
        }
        while (k > 0 && q[k] > u) {
            k--;
        }
        while (k < last - 1 && q[k + 1] <= u) {
            k++;
        }
        if (u == q[k]) {
            return tv[k];
        }
        return tv[k] + (u - q[k]) * tSeg[4 * k + 2];
    }

    /**
     * R(x): the source segment and the target segment are found from the cell grid by stepping
     * forward; when x lies strictly inside a source segment and S(x) strictly inside a target
     * segment these are the segments the core picks, and the core's expressions are evaluated on
     * them, bit for bit. Everything else (lattice values, ends, NaN, a start past the answer
     * through rounding) goes through {@link #cdf} and {@link #quantile}.
     */
    double apply(double x) {
        if (x > v0 && x < vLast) {
            int j = Math.min((int) ((x - v0) * cellScale), CELLS - 1);
            int lo = cell[2 * j];
            // v[v.length - 1] = vLast > x ends the walk
            while (v[lo + 1] <= x) {
                lo++;
            }
            if (v[lo] < x) {
                int at = 4 * lo;
                double u = seg[at + 1] + (x - seg[at]) * seg[at + 2];
                if (tq == null) {
                    return target.quantile(u);
                }
                int k = cell[2 * j + 1];
                int lastSeg = tq.length - 2;
                while (k < lastSeg && tq[k + 1] <= u) {
                    k++;
                }
                if (tq[k] < u && u < tq[k + 1]) {
                    int tk = 4 * k;
                    return tSeg[tk + 1] + (u - tSeg[tk]) * tSeg[tk + 2];
                }
                return quantile(u);
            }
        }
        return quantile(cdf(x));
    }

    /** In place on x[from, to); a run of equal values (a flat image region) is mapped once. */
    void apply(float[] x, int from, int to) {
        float last = Float.NaN;
        float mapped = Float.NaN;
        for (int i = from; i < to; i++) {
            float xi = x[i];
            if (xi != last) {
                last = xi;
                mapped = (float) apply(xi);
            }
            x[i] = mapped;
        }
    }

    /** On the whole array, in place, in parallel blocks. */
    void applyAll(float[] x) {
        Parallel.forRange(x.length, (from, to) -> apply(x, from, to));
    }
}
