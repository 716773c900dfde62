package io.redistributor;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Sums of Gaussian kernels over sorted data, the engine behind {@link KernelDensity}:
 * {@code Σ Φ((g - x_i)/h)}, {@code Σ Φ((x_i - g)/h)} and {@code Σ φ((q - x_i)/h)}.
 *
 * <p>The sorted data are split into fine cells spanning at most h/32 and, over those, coarse
 * cells spanning at most h/4. A cell with enough points stores its normalized moments
 * {@code a_m = Σ t^m / m!}, t = (x - centre)/h, m = 0 … {@value #ORDER}; its kernel sums are
 * then truncated Taylor (Hermite) series, with u = (g - centre)/h:
 * {@code Σ Φ(u - t) = a_0 Φ(u) - φ(u) Σ_{m≥1} a_m He_{m-1}(u)} and
 * {@code Σ φ(u - t) = φ(u) Σ_{m≥0} a_m He_m(u)}. Every use of a series is checked against a
 * rigorous bound of its truncation error (Cramér's inequality for |He_m φ| near 0, monotone
 * decay beyond the largest Hermite zero) plus a bound of its rounding error. If their sum exceeds
 * {@link #EPS} times the value, a coarse cell falls back to its fine cells and a fine cell to
 * the direct sum over its points. Near the data, coarse series suffice; deep in the tails, where
 * the series converge more slowly relative to the tiny values, fine ones do.
 *
 * <p>Cells whose points all give Φ = 1 in double count as whole numbers, and a sum stops once
 * all remaining points together cannot change it by more than {@link #EPS} relative. Sums are
 * therefore accurate to about 2·{@link #EPS} relative, also far in the tails.
 *
 * <p>Cost: O(n·{@value #ORDER}) once for the moments; per evaluation, a few dozen coarse cells
 * independent of n. Instances are immutable; evaluation allocates nothing.
 */
final class KernelSums {
    /** Highest moment (number of series terms). */
    static final int ORDER = 20;
    /** Relative accuracy target of each sum. */
    static final double EPS = 0x1p-43;
    /** Φ(z) rounds to exactly 1.0 for z at or above this (1 - Φ(8.3) ≈ 5.2e-17 &lt; 2^-54). */
    static final double ONE_Z = 8.3;
    /** Fine cells span at most h / FINE. */
    private static final int FINE = 32;
    /** Coarse cells span at most h / COARSE. */
    private static final int COARSE = 4;
    /** Coarse series are tried only where r·|u| is at most this (beyond, they fail the bound). */
    private static final double COARSE_REACH = 1.5;
    /** Cells with fewer points are summed directly (cheaper than a series). */
    private static final int MIN_SERIES_COUNT = 6;
    /** φ(z) and Φ(-z) underflow to 0 in double beyond this. */
    private static final double UNDERFLOW_Z = 38.7;
    /** Beyond this many bandwidths the sums test whether the rest is negligible. */
    private static final double PRUNE_Z = 5;
    /** Beyond this |ξ|, |He_m(ξ) φ(ξ)| decreases for m ≤ ORDER + 1 (exceeds sqrt(4(M+2)+2)). */
    private static final double RHO = 9.5;
    private static final double INV_SQRT_2PI = 0.3989422804014327;
    /** Two rounding errors per series term, applied to the sum of absolute terms. */
    private static final double ROUNDING = 2 * (ORDER + 2) * 0x1p-53;
    /** Points per block when accumulating moments (limits rounding growth). */
    private static final int BLOCK = 256;

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
    /** Cramér: |He_m(x) φ(x)| ≤ 1.086435 sqrt(m!) / sqrt(2π), for m = 0 … ORDER + 1. */
    private static final double[] CRAMER = new double[ORDER + 2];
    /** 1 / m! for m = 0 … ORDER + 1. */
    private static final double[] INV_FACT = new double[ORDER + 2];

    static {
        double f = 1;
        for (int m = 0; m <= ORDER + 1; m++) {
            if (m > 0) {
                f *= m;
            }
            CRAMER[m] = 1.086435 * Math.sqrt(f) * INV_SQRT_2PI;
            INV_FACT[m] = 1 / f;
        }
    }

    private final double[] x;
    private final double h;
    private final int n;
    private final Cells coarse;
    private final Cells fine;
    /** firstFine[c] … firstFine[c + 1] - 1 are the fine cells of coarse cell c. */
    private final int[] firstFine;

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
        int[] fineStart = new int[n + 1];
        int fines = 0;
        double width = h / FINE;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] > sorted[fineStart[fines - 1]] + width) {
                fineStart[fines++] = i;
            }
        }
        fineStart[fines] = n;
        int[] coarseStart = new int[fines + 1];
        int[] first = new int[fines + 1];
        int coarses = 0;
        width = h / COARSE;
        for (int f = 0; f < fines; f++) {
            int lastPoint = fineStart[f + 1] - 1;
            if (f == 0 || sorted[lastPoint] > sorted[coarseStart[coarses - 1]] + width) {
                first[coarses] = f;
                coarseStart[coarses++] = fineStart[f];
            }
        }
        first[coarses] = fines;
        coarseStart[coarses] = n;
        this.firstFine = Arrays.copyOf(first, coarses + 1);
        this.fine = new Cells(sorted, h, Arrays.copyOf(fineStart, fines + 1), parallel);
        this.coarse = new Cells(sorted, h, Arrays.copyOf(coarseStart, coarses + 1), parallel);
    }

    /** Number of coarse and fine cells (for tests and diagnostics). */
    int[] cellCounts() {
        return new int[] {coarse.size, fine.size};
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
     * Σ Φ((g - x_i)/h), accurate to about 2·EPS relative; 0 only if every term underflows.
     *
     * @param g a finite value
     * @return the sum, in [0, n]
     */
    double lowerSum(double g) {
        int[] start = coarse.start;
        // coarse cells whose points all have (g - x)/h >= ONE_Z contribute exactly their count
        int lo = 0;
        int hi = coarse.size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if ((g - x[start[mid + 1] - 1]) / h >= ONE_Z) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        double acc = start[lo];
        for (int c = lo; c < coarse.size; c++) {
            double vmax = (g - x[start[c]]) / h;
            if (vmax < -PRUNE_Z && negligible(vmax, n - start[c], acc)) {
                break;
            }
            acc += cdfCell(c, g, 1);
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
        int[] start = coarse.start;
        int lo = -1;
        int hi = coarse.size - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >> 1;
            if ((x[start[mid]] - g) / h >= ONE_Z) {
                hi = mid - 1;
            } else {
                lo = mid;
            }
        }
        double acc = n - start[lo + 1];
        for (int c = lo; c >= 0; c--) {
            double vmax = (x[start[c + 1] - 1] - g) / h;
            if (vmax < -PRUNE_Z && negligible(vmax, start[c + 1], acc)) {
                break;
            }
            acc += cdfCell(c, g, -1);
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
        int[] start = coarse.start;
        // first cell whose last point is >= q; cells are visited nearest first
        int lo = 0;
        int hi = coarse.size;
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
        while (up < coarse.size || down >= 0) {
            double dUp = up < coarse.size ? Math.max(0, (x[start[up]] - q) / h) : Double.POSITIVE_INFINITY;
            double dDown = down >= 0 ? Math.max(0, (q - x[start[down + 1] - 1]) / h) : Double.POSITIVE_INFINITY;
            boolean takeUp = dUp <= dDown;
            double d = takeUp ? dUp : dDown;
            if (d > UNDERFLOW_Z || (d > PRUNE_Z && remaining * phiPdf(d) <= EPS * acc)) {
                break;
            }
            int c = takeUp ? up++ : down--;
            remaining -= start[c + 1] - start[c];
            acc += densityCell(c, q);
        }
        return acc;
    }

    /** Whether `count` points, each with Φ ≤ Φ(vmax) &lt; 1/2, cannot change `acc` beyond EPS relative. */
    private static boolean negligible(double vmax, int count, double acc) {
        if (vmax < -UNDERFLOW_Z) {
            return true;
        }
        // Mills ratio bound: Φ(v) ≤ φ(v) / |v| for v < 0
        return count * (phiPdf(vmax) / -vmax) <= EPS * acc;
    }

    /** Σ over coarse cell c of Φ((g - x)/h) (sigma = 1) or Φ((x - g)/h) (sigma = -1). */
    private double cdfCell(int c, double g, int sigma) {
        double u = sigma * (g - coarse.centre[c]) / h;
        if (coarse.radius[c] * Math.abs(u) <= COARSE_REACH) {
            double v = coarse.cdfSeries(c, u, sigma);
            if (v >= 0) {
                return v;
            }
        }
        if (coarse.slot[c] < 0) {
            return cdfDirect(coarse.start[c], coarse.start[c + 1], g, sigma);
        }
        double s = 0;
        for (int f = firstFine[c]; f < firstFine[c + 1]; f++) {
            double v = fine.cdfSeries(f, sigma * (g - fine.centre[f]) / h, sigma);
            s += v >= 0 ? v : cdfDirect(fine.start[f], fine.start[f + 1], g, sigma);
        }
        return s;
    }

    /** Σ over coarse cell c of φ((q - x)/h). */
    private double densityCell(int c, double q) {
        double u = (q - coarse.centre[c]) / h;
        if (coarse.radius[c] * Math.abs(u) <= COARSE_REACH) {
            double v = coarse.pdfSeries(c, u);
            if (v >= 0) {
                return v;
            }
        }
        if (coarse.slot[c] < 0) {
            return densityDirect(coarse.start[c], coarse.start[c + 1], q);
        }
        double s = 0;
        for (int f = firstFine[c]; f < firstFine[c + 1]; f++) {
            double v = fine.pdfSeries(f, (q - fine.centre[f]) / h);
            s += v >= 0 ? v : densityDirect(fine.start[f], fine.start[f + 1], q);
        }
        return s;
    }

    private double cdfDirect(int from, int to, double g, int sigma) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += phiCdf(sigma > 0 ? (g - x[i]) / h : (x[i] - g) / h);
        }
        return s;
    }

    private double densityDirect(int from, int to, double q) {
        double s = 0;
        for (int i = from; i < to; i++) {
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

    /** Cells of one width: point ranges with their centres, radii and moments. */
    private static final class Cells {
        final int size;
        /** start[k] is the first point of cell k; start[size] = n. */
        final int[] start;
        final double[] centre;
        /** Half extent in bandwidths. */
        final double[] radius;
        /** count · r^(ORDER+1) / (ORDER+1)!, for series cells. */
        final double[] truncation;
        /** Offset of the cell's moments, or -1 if the cell is summed directly. */
        final int[] slot;
        final double[] moments;

        Cells(double[] x, double h, int[] start, boolean parallel) {
            this.size = start.length - 1;
            this.start = start;
            this.centre = new double[size];
            this.radius = new double[size];
            this.truncation = new double[size];
            this.slot = new int[size];
            int slots = 0;
            for (int k = 0; k < size; k++) {
                double lo = x[start[k]];
                double hi = x[start[k + 1] - 1];
                double mid = 0.5 * lo + 0.5 * hi;
                centre[k] = mid;
                double r = Math.max(hi - mid, mid - lo) / h;
                radius[k] = r;
                int count = start[k + 1] - start[k];
                if (count >= MIN_SERIES_COUNT) {
                    slot[k] = slots;
                    slots += ORDER + 1;
                    truncation[k] = count * Math.pow(r, ORDER + 1) * INV_FACT[ORDER + 1];
                } else {
                    slot[k] = -1;
                }
            }
            this.moments = new double[slots];
            IntStream cells = IntStream.range(0, size);
            (parallel ? cells.parallel() : cells).forEach(k -> fill(x, 1 / h, k));
        }

        /** Moments of cell k: power sums over blocks of points, then divided by m!. */
        private void fill(double[] x, double invH, int k) {
            int off = slot[k];
            if (off < 0) {
                return;
            }
            double[] block = new double[ORDER + 1];
            double mid = centre[k];
            for (int b = start[k]; b < start[k + 1]; b += BLOCK) {
                Arrays.fill(block, 0);
                int end = Math.min(b + BLOCK, start[k + 1]);
                int i = b;
                // four independent power chains at a time
                for (; i + 3 < end; i += 4) {
                    double t0 = (x[i] - mid) * invH;
                    double t1 = (x[i + 1] - mid) * invH;
                    double t2 = (x[i + 2] - mid) * invH;
                    double t3 = (x[i + 3] - mid) * invH;
                    double p0 = t0;
                    double p1 = t1;
                    double p2 = t2;
                    double p3 = t3;
                    for (int m = 1; m <= ORDER; m++) {
                        block[m] += (p0 + p1) + (p2 + p3);
                        p0 *= t0;
                        p1 *= t1;
                        p2 *= t2;
                        p3 *= t3;
                    }
                }
                for (; i < end; i++) {
                    double t = (x[i] - mid) * invH;
                    double p = t;
                    for (int m = 1; m <= ORDER; m++) {
                        block[m] += p;
                        p *= t;
                    }
                }
                moments[off] += end - b;
                for (int m = 1; m <= ORDER; m++) {
                    moments[off + m] += block[m];
                }
            }
            for (int m = 2; m <= ORDER; m++) {
                moments[off + m] *= INV_FACT[m];
            }
        }

        /**
         * Series for Σ Φ(u - σ t) over cell k (t the points' offsets in bandwidths), or -1 if the
         * cell has no moments or the error bound exceeds EPS times the value.
         */
        double cdfSeries(int k, double u, int sigma) {
            int off = slot[k];
            if (off < 0) {
                return -1;
            }
            double big = moments[off] * phiCdf(u);
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
            return value >= 0 && error <= EPS * value ? value : -1;
        }

        /** Series for Σ φ(u - t) over cell k, or -1 as for {@link #cdfSeries}. */
        double pdfSeries(int k, double u) {
            int off = slot[k];
            if (off < 0) {
                return -1;
            }
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
            return value >= 0 && error <= EPS * value ? value : -1;
        }
    }
}
