package io.redistributor.diagnostics;

import io.redistributor.Distribution;
import io.redistributor.KernelDensity;
import io.redistributor.LearnedDistribution;
import java.util.Arrays;

/**
 * Integrals over probability u in [0, 1] of functions of a distribution's quantile Q(u):
 * ∫ (Q(u) − c) du, ∫ |Q(u) − c| du and ∫ (Q(u) − c)² du over an interval.
 *
 * <p>An interval is cut where the integrand is not smooth: at the lattice probabilities of a
 * {@link LearnedDistribution} and the grid probabilities of a {@link KernelDensity} (where their
 * piecewise linear quantiles bend) and, for |Q − c|, at
 * u* = F(c) where Q crosses c. Each piece is then integrated with a 2-, 3- or 5-point
 * Gauss–Legendre rule when it lies well inside (0, 1) (its distance to 0 and to 1 is at least
 * 10⁴, 300 or 8 times its length, so the nearest singularity of Q, at 0 or 1, is far away), and
 * with the tanh–sinh (double exponential) rule otherwise, which tolerates the unbounded ends of Q
 * at 0 and 1. Gauss–Legendre integrates the linear pieces of a learned quantile exactly; tanh–sinh nodes closer to 0 or 1
 * than a double can express are skipped (the lost mass is ∫ over the last 2⁻⁵³ of probability),
 * and so are nodes where Q is ±∞ (a kernel density's quantile beyond its grid).
 */
final class QuantileQuadrature {

    /** Integrand Q(u) − c. */
    static final int SIGNED = 0;
    /** Integrand |Q(u) − c|. */
    static final int ABS = 1;
    /** Integrand (Q(u) − c)². */
    static final int SQUARE = 2;

    /** Gauss–Legendre nodes and weights on [-1, 1] with 2, 3 and 5 points. */
    private static final double[][] GL_X = {
        {-0.5773502691896258, 0.5773502691896258},
        {0, -0.7745966692414834, 0.7745966692414834},
        {0, -0.5384693101056831, 0.5384693101056831, -0.9061798459386640, 0.9061798459386640}};
    private static final double[][] GL_W = {
        {1, 1},
        {0.8888888888888888, 0.5555555555555556, 0.5555555555555556},
        {0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891, 0.2369268850561891}};
    /**
     * A piece at distance at least RATIO[i] times its length from 0 and from 1 uses GL_X[i].
     * Q is analytic in the Bernstein ellipse that reaches the nearer end, of parameter ρ about
     * 4 × ratio, and k-point Gauss–Legendre errs by about ρ^(-2k) relative: below 1e-15 for
     * 2 points at 10⁴, 3 points at 300 and 5 points at 8.
     */
    private static final double[] RATIO = {1e4, 300, 8};

    /** tanh–sinh step in t and half-width of the t range (σ at t = 3 is about 1e-14). */
    private static final double TS_STEP = 1.0 / 16;
    private static final int TS_HALF = 48;
    /** σ_j: distance of node ±j from the nearer end, as a fraction of the interval. */
    private static final double[] TS_SIGMA = new double[TS_HALF + 1];
    /** Weight of nodes ±j on the unit interval. */
    private static final double[] TS_W = new double[TS_HALF + 1];

    static {
        double total = 0;
        for (int j = 0; j <= TS_HALF; j++) {
            double t = j * TS_STEP;
            double y = Math.PI / 2 * Math.sinh(t);
            TS_SIGMA[j] = 1 / (1 + Math.exp(2 * y));
            double ch = Math.cosh(y);
            TS_W[j] = TS_STEP * (Math.PI / 2) * Math.cosh(t) / (2 * ch * ch);
            total += j == 0 ? TS_W[j] : 2 * TS_W[j];
        }
        // Scale the weights to sum to 1 (they miss it by about 1e-14 from the cut at t = 3), so
        // that constant and linear integrands, symmetric about the middle, are integrated exactly.
        for (int j = 0; j <= TS_HALF; j++) {
            TS_W[j] /= total;
        }
    }

    private final Distribution d;
    private final double[] kinks;

    QuantileQuadrature(Distribution d) {
        this.d = d;
        if (d instanceof LearnedDistribution l) {
            this.kinks = l.probabilities();
        } else if (d instanceof KernelDensity k) {
            this.kinks = k.gridProbabilities();
        } else {
            this.kinks = new double[0];
        }
    }

    /**
     * ∫ over [a, b] ⊆ [0, 1] of the integrand {@code mode} with constant c.
     *
     * @param tanhSinhOnly use tanh–sinh for every piece (for wide intervals)
     */
    double integrate(double a, double b, double c, int mode, boolean tanhSinhOnly) {
        double cross = Double.NaN;
        if (mode == ABS) {
            cross = d.cdf(c);
            if (Double.isNaN(cross)) {
                // c is beyond a bound of the support: Q never crosses it
                cross = c < d.supportLower() ? 0 : 1;
            }
        }
        int k = Arrays.binarySearch(kinks, a);
        k = k >= 0 ? k + 1 : -k - 1;
        double sum = 0;
        double lo = a;
        while (lo < b) {
            double hi = b;
            if (k < kinks.length && kinks[k] < hi) {
                hi = kinks[k];
            }
            if (cross > lo && cross < hi) {
                hi = cross;
            }
            sum += tanhSinhOnly ? tanhSinh(lo, hi, c, mode) : piece(lo, hi, c, mode);
            if (k < kinks.length && hi == kinks[k]) {
                k++;
            }
            lo = hi;
        }
        return sum;
    }

    private double f(double u, double c, int mode) {
        double q = d.quantile(u);
        if (Double.isInfinite(q)) {
            // A proper distribution's quantile is finite inside (0, 1); an infinite value is the
            // edge of an approximation (a kernel density beyond its grid, a probability of about
            // 1e-16 at most), left out.
            return 0;
        }
        double v = q - c;
        return mode == SIGNED ? v : mode == ABS ? Math.abs(v) : v * v;
    }

    /** The cheapest rule that is accurate for a piece at its distance from 0 and 1. */
    private double piece(double a, double b, double c, int mode) {
        double distance = Math.min(a, 1 - b);
        for (int r = 0; r < RATIO.length; r++) {
            if (distance >= RATIO[r] * (b - a)) {
                return gauss(GL_X[r], GL_W[r], a, b, c, mode);
            }
        }
        return tanhSinh(a, b, c, mode);
    }

    private double gauss(double[] x, double[] w, double a, double b, double c, int mode) {
        double half = (b - a) / 2;
        double mid = a + half;
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += w[i] * f(mid + half * x[i], c, mode);
        }
        return s * half;
    }

    private double tanhSinh(double a, double b, double c, int mode) {
        double len = b - a;
        double s = TS_W[0] * f(a + len / 2, c, mode);
        for (int j = 1; j <= TS_HALF; j++) {
            double off = len * TS_SIGMA[j];
            double left = a + off;
            double right = b - off;
            if (left > 0 && left < 1) {
                s += TS_W[j] * f(left, c, mode);
            }
            if (right > 0 && right < 1) {
                s += TS_W[j] * f(right, c, mode);
            }
        }
        return s * len;
    }
}
