package io.redistributor.image;

import io.redistributor.Distribution;
import io.redistributor.LearnedDistribution;

/**
 * Evaluates the transform R(x) = T⁻¹(S(x)) of a learned source S on float arrays with the same
 * result as the core's {@code Redistributor}, but with the lattice interval of each value found
 * through a bucket index instead of a search of the whole lattice, and the slope of every
 * lattice segment computed once. The cdf at each lattice value is taken from S's own {@code cdf}
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
    /** Cells of a uniform grid over [v0, vLast] on which R needs no search (see {@link #cells}). */
    private final double cellScale;
    /** Per cell: the source segment, and the target segment (0 when the target is not learned), or -1. */
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
        int cells = CELLS;
        double width = (vLast - v0) / cells;
        // a grid too fine for the rounding of (x - v0) * scale at this magnitude is not used
        boolean usable = width > 1e-6 * Math.max(Math.abs(v0), Math.abs(vLast));
        this.cellScale = usable ? cells / (vLast - v0) : 0;
        this.cell = usable ? cells(cells, width) : new int[0];
    }

    /** Cells of the fast paths (in {@link #apply(double)}). */
    private static final int CELLS = 1 << 16;

    /**
     * For each cell j of width w, what is known of R on every x in [v0 + j w − m, v0 + (j + 1) w + m]:
     * the source segment lo and the target segment k that hold all of it (the fast path), or
     * the source segment with k = -1 when a lattice probability of the target lies between the
     * cdf at its ends, or -2 − i when exactly one source lattice value v[i] (not repeated) lies
     * inside, so that x below it is in segment i − 1 and x above it in segment i, or -1 when
     * none of these holds (more lattice values, or the cell at an end of the lattice). The margin
     * m (10⁻⁶ of a cell, and more than the rounding of x → j at the values' magnitude) absorbs
     * that rounding, and the cdf and quantile formulas are monotone under rounding, so for x in
     * a cell the core would pick these same segments: the fast paths evaluate the core's
     * expressions on them, bit for bit.
     */
    private int[] cells(int cells, double width) {
        int[] c = new int[2 * cells];
        // far wider than the rounding of x -> j (a few ulps of the values), far narrower than a cell
        double margin = Math.max(width * 1e-6, 1e-12 * Math.max(Math.abs(v0), Math.abs(vLast)));
        int lo = 0;
        int k = 0;
        for (int j = 0; j < cells; j++) {
            double a = v0 + j * width - margin;
            double b = v0 + (j + 1) * width + margin;
            c[2 * j] = -1;
            if (!(a > v0 && b < vLast)) {
                continue;
            }
            while (v[lo + 1] <= a) {
                lo++;
            }
            if (!(v[lo] < a)) {
                continue;
            }
            if (!(b < v[lo + 1])) {
                // v[lo + 1] > a, and b < vLast, so v[lo + 2] exists
                if (b < v[lo + 2]) {
                    c[2 * j] = -3 - lo;
                }
                continue;
            }
            c[2 * j] = lo;
            double slope = seg[4 * lo + 2];
            double pa = p[lo] + (a - v[lo]) * slope;
            double pb = p[lo] + (b - v[lo]) * slope;
            if (tq != null) {
                while (k + 1 < tq.length && tq[k + 1] <= pa) {
                    k++;
                }
                if (!(tq[k] < pa && k + 1 < tq.length && pb < tq[k + 1])) {
                    c[2 * j + 1] = -1;
                    continue;
                }
            }
            c[2 * j + 1] = k;
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
     * R(x): from the cell grid when x lies in a cell whose source segment is known (from the
     * cell, or from one comparison with the lattice value inside it), else through cdf and quantile.
     */
    double apply(double x) {
        double t = (x - v0) * cellScale;
        if (t > 0 && t < cell.length / 2) {
            int j = 2 * (int) t;
            int lo = cell[j];
            int k = cell[j + 1];
            if (lo < -1) {
                // one lattice value v[i] inside the cell
                int i = -2 - lo;
                if (x == v[i]) {
                    return quantile(atLattice[i]);
                }
                lo = x < v[i] ? i - 1 : i;
                k = -1;
            }
            if (lo >= 0) {
                int at = 4 * lo;
                double u = seg[at + 1] + (x - seg[at]) * seg[at + 2];
                if (tSeg == null) {
                    return target.quantile(u);
                }
                if (k < 0) {
                    return quantile(u);
                }
                k *= 4;
                return tSeg[k + 1] + (u - tSeg[k]) * tSeg[k + 2];
            }
        }
        return quantile(cdf(x));
    }

    /** Values converted per chunk by the float form (a few KiB of doubles, in cache). */
    private static final int CHUNK = 1 << 10;

    /**
     * In place on x[from, to), with the result of {@link #apply(double)} for each value, rounded
     * to float. Chunks of x are widened into a double buffer, mapped by
     * {@link #apply(double[], int, int)} and narrowed back, each conversion in a loop of its own:
     * in a loop that also does the map's arithmetic, JDK 17 chains every float/double conversion
     * to the previous iteration's last use of its register (the conversion instructions keep the
     * register's upper bits), so the iterations, with their table loads, ran one after another.
     */
    void apply(float[] x, int from, int to) {
        double[] buf = new double[Math.min(CHUNK, Math.max(0, to - from))];
        for (int at = from; at < to; at += CHUNK) {
            int m = Math.min(CHUNK, to - at);
            for (int i = 0; i < m; i++) {
                buf[i] = x[at + i];
            }
            apply(buf, 0, m);
            for (int i = 0; i < m; i++) {
                x[at + i] = (float) buf[i];
            }
        }
    }

    /**
     * In place on x[from, to), with the result of {@link #apply(double)} for each value. With a
     * learned target the paths of {@link #apply(double)} are written out here with the tables in
     * locals: a clean cell gives both segments; a cell holding one lattice value gives the source
     * segment from one comparison with it (without a branch) and the target segment from the
     * first guess of {@link #quantile(double)} when that guess holds (the same expressions on the
     * same segments). Other values, and all values with another target, go through
     * {@link #apply(double)}, a run of equal values once.
     */
    void apply(double[] x, int from, int to) {
        if (tSeg == null) {
            double last = Double.NaN;
            double mapped = Double.NaN;
            for (int i = from; i < to; i++) {
                double xi = x[i];
                if (xi != last) {
                    last = xi;
                    mapped = apply(xi);
                }
                x[i] = mapped;
            }
            return;
        }
        int[] cl = cell;
        double[] lv = v;
        double[] sg = seg;
        double[] ts = tSeg;
        double start = v0;
        double sc = cellScale;
        int cells = cl.length / 2;
        double q0 = tq[0];
        double inv = tInvStep;
        int lastSegment = tq.length - 2;
        double last = Double.NaN;
        double mapped = Double.NaN;
        for (int i = from; i < to; i++) {
            double xi = x[i];
            double t = (xi - start) * sc;
            int j = t > 0 && t < cells ? 2 * (int) t : -1;
            int lo = j < 0 ? -1 : cl[j];
            int k = j < 0 ? -1 : cl[j + 1];
            if (lo < -1) {
                // one lattice value w inside the cell: segment at - 1 below it, at above it (the
                // sign bit of xi - w, never zero here); a value on it takes the general path
                int at = -2 - lo;
                double w = lv[at];
                lo = xi == w ? -1 : at - (int) (Double.doubleToRawLongBits(xi - w) >>> 63);
                k = -1;
            }
            if (lo >= 0) {
                int at = 4 * lo;
                double u = sg[at + 1] + (xi - sg[at]) * sg[at + 2];
                if (k < 0) {
                    // the first guess of quantile(u); u at or below q[0] or at or above the last
                    // probability fails its test and takes quantile(u)
                    k = Math.max(0, Math.min(lastSegment, (int) ((u - q0) * inv)));
                    if (!(ts[4 * k] < u && u < ts[4 * k + 3])) {
                        x[i] = quantile(u);
                        continue;
                    }
                }
                k *= 4;
                x[i] = ts[k + 1] + (u - ts[k]) * ts[k + 2];
            } else {
                if (xi != last) {
                    last = xi;
                    mapped = apply(xi);
                }
                x[i] = mapped;
            }
        }
    }

    /** On the whole array, in place, in parallel blocks. */
    void applyAll(float[] x) {
        Parallel.forRange(x.length, (from, to) -> apply(x, from, to));
    }
}
