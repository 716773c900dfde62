package io.redistributor;

import java.util.stream.IntStream;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Sums of Gaussian kernels over sorted data, the engine behind {@link KernelDensity}:
 * {@code Σ Φ((g - x_i)/h)}, {@code Σ Φ((x_i - g)/h)} and {@code Σ φ((q - x_i)/h)}.
 *
 * <p>The sorted data are split into cells of at most {@value #CELL_WIDTH_INVERSE}th of a
 * bandwidth. A cell with enough points stores its normalized moments
 * {@code a_m = Σ t^m / m!}, t = (x - centre) / h, m = 0 … {@value #ORDER}; its kernel sum is
 * then the truncated Taylor (Hermite) series
 * {@code Σ Φ(u - t) = a_0 Φ(u) - φ(u) Σ_{m≥1} a_m He_{m-1}(u)} and
 * {@code Σ φ(u - t) = φ(u) Σ_{m≥0} a_m He_m(u)}, u = (g - centre) / h. Each use of a series
 * is checked against a rigorous bound of its truncation error (Cramér's inequality for
 * |He_m φ| near the centre, monotone decay beyond the largest Hermite zero) plus a bound of its
 * rounding error; if the sum of both exceeds {@link #EPS} times the cell's value, the cell is
 * summed point by point instead. Cells whose points all give Φ = 1 to double precision count as
 * whole numbers, and the sum stops once every remaining point together cannot change the
 * accumulated value by more than {@link #EPS} relative. Sums are therefore accurate to about
 * 2·{@link #EPS} relative, also deep in the tails, where the terms are tiny.
 *
 * <p>Cost: O(n·{@value #ORDER}) once for the moments, then per evaluation a few hundred cells
 * at most, independent of n. Instances are immutable; evaluation allocates nothing.
 */
final class KernelSums {
    /** Highest moment (number of series terms). */
    static final int ORDER = 20;
    /** Relative accuracy target of each sum. */
    static final double EPS = 0x1p-43;
    /** Cells span at most h / CELL_WIDTH_INVERSE. */
    private static final int CELL_WIDTH_INVERSE = 16;
    /** Cells with fewer points are summed directly (cheaper than a series). */
    private static final int MIN_SERIES_COUNT = 6;
    /** Φ(z) rounds to exactly 1.0 for z at or above this (1 - Φ(8.3) ≈ 5.2e-17 &lt; 2^-54). */
    static final double ONE_Z = 8.3;
    /** φ(z) and Φ(-z) underflow to 0 in double beyond this. */
    private static final double UNDERFLOW_Z = 38.7;
    /** Below -PRUNE_Z (in bandwidths) the sums test whether the rest is negligible. */
    private static final double PRUNE_Z = 5;
    /** Beyond this |ξ| the bound of |He_m(ξ) φ(ξ)| uses monotone decay (exceeds sqrt(4(M+2)+2)). */
    private static final double RHO = 9.5;
    private static final double INV_SQRT_2PI = 0.3989422804014327;
    /** Two rounding errors per series term, applied to the sum of absolute terms. */
    private static final double ROUNDING = 2 * (ORDER + 2) * 0x1p-53;
    /** Points per block when accumulating moments (limits rounding growth). */
    private static final int BLOCK = 256;

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
    /** Cramér: |He_m(x) φ(x)| ≤ 1.086435 sqrt(m!) / sqrt(2π), for m = 0 … ORDER + 1. */
    private static final double[] CRAMER = new double[ORDER + 2];
    /** 1 / (ORDER + 1)!. */
    private static final double INV_FACT_NEXT;

    static {
        double f = 1;
        for (int m = 0; m <= ORDER + 1; m++) {
            if (m > 0) {
                f *= m;
            }
            CRAMER[m] = 1.086435 * Math.sqrt(f) * INV_SQRT_2PI;
        }
        INV_FACT_NEXT = 1 / f;
    }

    private final double[] x;
    private final double h;
    private final int n;
    private final int cells;
    /** start[k] is the first point of cell k; start[cells] = n. */
    private final int[] start;
    private final double[] centre;
    /** count · r^(ORDER+1) / (ORDER+1)!, r the cell's half extent in bandwidths; series cells only. */
    private final double[] truncation;
    private final double[] radius;
    /** Offset of the cell's moments in {@link #moments}, or -1 if summed directly. */
    private final int[] slot;
    private final double[] moments;

    /**
     * Builds cells and moments.
     *
     * @param sorted finite values in ascending order (not copied; must not change)
     * @param h bandwidth, &gt; 0
     * @param parallel whether the moments may be computed on the common pool
     */
    KernelSums(double[] sorted, double h, boolean parallel) {
        this.x = sorted;
        this.h = h;
        this.n = sorted.length;
        double width = h / CELL_WIDTH_INVERSE;
        int[] s = new int[n + 1];
        int k = 0;
        int i = 0;
        while (i < n) {
            s[k++] = i;
            double limit = sorted[i] + width;
            i++;
            while (i < n && sorted[i] <= limit) {
                i++;
            }
        }
        s[k] = n;
        this.cells = k;
        this.start = java.util.Arrays.copyOf(s, k + 1);
        this.centre = new double[k];
        this.radius = new double[k];
        this.truncation = new double[k];
        this.slot = new int[k];
        int slots = 0;
        for (int c = 0; c < k; c++) {
            double lo = sorted[start[c]];
            double hi = sorted[start[c + 1] - 1];
            double mid = 0.5 * lo + 0.5 * hi;
            centre[c] = mid;
            double r = Math.max(hi - mid, mid - lo) / h;
            radius[c] = r;
            int count = start[c + 1] - start[c];
            if (count >= MIN_SERIES_COUNT) {
                slot[c] = slots;
                slots += ORDER + 1;
                truncation[c] = count * Math.pow(r, ORDER + 1) * INV_FACT_NEXT;
            } else {
                slot[c] = -1;
            }
        }
        this.moments = new double[slots];
        IntStream range = IntStream.range(0, k);
        (parallel ? range.parallel() : range).forEach(this::fillMoments);
    }

    private void fillMoments(int c) {
        int off = slot[c];
        if (off < 0) {
            return;
        }
        double[] block = new double[ORDER + 1];
        double mid = centre[c];
        for (int b = start[c]; b < start[c + 1]; b += BLOCK) {
            java.util.Arrays.fill(block, 0);
            int end = Math.min(b + BLOCK, start[c + 1]);
            for (int i = b; i < end; i++) {
                double t = (x[i] - mid) / h;
                double p = 1;
                block[0] += 1;
                for (int m = 1; m <= ORDER; m++) {
                    p = p * t / m;
                    block[m] += p;
                }
            }
            for (int m = 0; m <= ORDER; m++) {
                moments[off + m] += block[m];
            }
        }
    }

    /** Number of cells (for tests and diagnostics). */
    int cells() {
        return cells;
    }

    /** Standard normal cdf, accurate to a few ulp relative in both tails. */
    static double phiCdf(double z) {
        return STANDARD.cumulativeProbability(z);
    }

    /** Standard normal density. */
    static double phiPdf(double z) {
        return Math.exp(-0.5 * z * z) * INV_SQRT_2PI;
    }

    /**
     * Σ Φ((g - x_i)/h): accurate to about 2·EPS relative; 0 only if every term underflows.
     *
     * @param g a finite value
     * @return the sum, in [0, n]
     */
    double lowerSum(double g) {
        // cells whose points all have (g - x)/h >= ONE_Z contribute exactly their count
        int lo = 0;
        int hi = cells;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if ((g - x[start[mid + 1] - 1]) / h >= ONE_Z) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        double acc = start[lo];
        for (int k = lo; k < cells; k++) {
            double vmax = (g - x[start[k]]) / h;
            if (vmax < -PRUNE_Z && negligible(vmax, n - start[k], acc)) {
                break;
            }
            acc += cellSum(k, (g - centre[k]) / h, 1, g);
        }
        return acc;
    }

    /**
     * Σ Φ((x_i - g)/h) = n - {@link #lowerSum}, computed directly so that it keeps its relative
     * accuracy when it is tiny (the cdf near 1).
     *
     * @param g a finite value
     * @return the sum, in [0, n]
     */
    double upperSum(double g) {
        int lo = -1;
        int hi = cells - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >> 1;
            if ((x[start[mid]] - g) / h >= ONE_Z) {
                hi = mid - 1;
            } else {
                lo = mid;
            }
        }
        double acc = n - start[lo + 1];
        for (int k = lo; k >= 0; k--) {
            double vmax = (x[start[k + 1] - 1] - g) / h;
            if (vmax < -PRUNE_Z && negligible(vmax, start[k + 1], acc)) {
                break;
            }
            acc += cellSum(k, (centre[k] - g) / h, -1, g);
        }
        return acc;
    }

    /**
     * Σ φ((q - x_i)/h), accurate to about 2·EPS relative.
     *
     * @param q a finite value
     * @return the sum
     */
    double densitySum(double q) {
        // first cell whose last point is >= q; cells are visited nearest first
        int lo = 0;
        int hi = cells;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[start[mid + 1] - 1] < q) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int up = lo;
        int down = lo - 1;
        double acc = 0;
        int remaining = n;
        while (up < cells || down >= 0) {
            double dUp = up < cells ? Math.max(0, (x[start[up]] - q) / h) : Double.POSITIVE_INFINITY;
            double dDown = down >= 0 ? Math.max(0, (q - x[start[down + 1] - 1]) / h) : Double.POSITIVE_INFINITY;
            boolean takeUp = dUp <= dDown;
            double d = takeUp ? dUp : dDown;
            if (d > UNDERFLOW_Z || (d > PRUNE_Z && remaining * phiPdf(d) <= EPS * acc)) {
                break;
            }
            int k = takeUp ? up++ : down--;
            remaining -= start[k + 1] - start[k];
            acc += cellDensity(k, (q - centre[k]) / h, q);
        }
        return acc;
    }

    /** Whether `count` points, each with Φ ≤ Φ(vmax), cannot change `acc` beyond EPS relative. */
    private static boolean negligible(double vmax, int count, double acc) {
        if (vmax < -UNDERFLOW_Z) {
            return true;
        }
        // Mills ratio bound: Φ(v) ≤ φ(v) / |v| for v < 0
        return count * (phiPdf(vmax) / -vmax) <= EPS * acc;
    }

    /**
     * Σ Φ(u - σ t_i) over cell k: σ = +1 gives Σ Φ((g - x_i)/h) with u = (g - c)/h, σ = -1 gives
     * Σ Φ((x_i - g)/h) with u = (c - g)/h.
     */
    private double cellSum(int k, double u, int sigma, double g) {
        int off = slot[k];
        if (off >= 0) {
            double count = moments[off];
            double big = count * phiCdf(u);
            double sum = 0;
            double abs = 0;
            double hePrev = 1;
            double he = u;
            double sign = 1;
            for (int m = 1; m <= ORDER; m++) {
                sign *= sigma;
                double term = sign * moments[off + m] * hePrev;
                sum += term;
                abs += Math.abs(term);
                double next = u * he - m * hePrev;
                hePrev = he;
                he = next;
            }
            double pdf = phiPdf(u);
            double value = big - pdf * sum;
            double error = truncation[k] * hermiteBound(ORDER, u, radius[k]) + ROUNDING * (big + pdf * abs);
            if (value >= 0 && error <= EPS * value) {
                return value;
            }
        }
        double s = 0;
        for (int i = start[k]; i < start[k + 1]; i++) {
            s += phiCdf(sigma > 0 ? (g - x[i]) / h : (x[i] - g) / h);
        }
        return s;
    }

    /** Σ φ(u - t_i) over cell k, u = (q - c)/h. */
    private double cellDensity(int k, double u, double q) {
        int off = slot[k];
        if (off >= 0) {
            double sum = 0;
            double abs = 0;
            double hePrev = 1;
            double he = u;
            for (int m = 0; m <= ORDER; m++) {
                double term = moments[off + m] * hePrev;
                sum += term;
                abs += Math.abs(term);
                double next = u * he - (m + 1) * hePrev;
                hePrev = he;
                he = next;
            }
            double pdf = phiPdf(u);
            double value = pdf * sum;
            double error = truncation[k] * hermiteBound(ORDER + 1, u, radius[k]) + ROUNDING * pdf * abs;
            if (value >= 0 && error <= EPS * value) {
                return value;
            }
        }
        double s = 0;
        for (int i = start[k]; i < start[k + 1]; i++) {
            s += phiPdf((q - x[i]) / h);
        }
        return s;
    }

    /**
     * An upper bound of |He_order(ξ) φ(ξ)| for ξ in [u - r, u + r]: Cramér's constant near 0;
     * beyond RHO (past the largest zero of He_(order+1)) the function decreases in |ξ| and
     * |He_order(ξ)| ≤ |ξ|^order, so the value at the end nearest 0 bounds it.
     */
    static double hermiteBound(int order, double u, double r) {
        double near = u > 0 ? u - r : -(u + r);
        if (!(near >= RHO)) {
            return CRAMER[order];
        }
        return Math.exp(order * Math.log(near) - 0.5 * near * near) * INV_SQRT_2PI;
    }
}
