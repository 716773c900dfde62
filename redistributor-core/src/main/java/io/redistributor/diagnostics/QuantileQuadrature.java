package io.redistributor.diagnostics;

import io.redistributor.Distribution;
import io.redistributor.LearnedDistribution;
import java.util.Arrays;

/**
 * Integrals over probability u in [0, 1] of functions of a distribution's quantile Q(u):
 * ∫ (Q(u) − c) du, ∫ |Q(u) − c| du and ∫ (Q(u) − c)² du over an interval.
 *
 * <p>An interval is cut where the integrand is not smooth: at the lattice probabilities of a
 * {@link LearnedDistribution} (where its piecewise linear quantile bends) and, for |Q − c|, at
 * u* = F(c) where Q crosses c. Each piece is then integrated with the 5-point Gauss–Legendre rule
 * when it lies well inside (0, 1) (its distance to 0 and to 1 is at least 8 times its length, so
 * the nearest singularity of Q, at 0 or 1, is far away), and with the tanh–sinh (double
 * exponential) rule otherwise, which tolerates the unbounded ends of Q at 0 and 1. Gauss–Legendre
 * integrates the linear pieces of a learned quantile exactly; tanh–sinh nodes closer to 0 or 1
 * than a double can express are skipped (the lost mass is ∫ over the last 2⁻⁵³ of probability).
 */
final class QuantileQuadrature {

    /** Integrand Q(u) − c. */
    static final int SIGNED = 0;
    /** Integrand |Q(u) − c|. */
    static final int ABS = 1;
    /** Integrand (Q(u) − c)². */
    static final int SQUARE = 2;

    private static final double[] GL_X = {0, -0.5384693101056831, 0.5384693101056831, -0.9061798459386640,
        0.9061798459386640};
    private static final double[] GL_W = {0.5688888888888889, 0.4786286704993665, 0.4786286704993665,
        0.2369268850561891, 0.2369268850561891};

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
        this.kinks = d instanceof LearnedDistribution l ? l.probabilities() : new double[0];
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
            boolean interior = Math.min(lo, 1 - hi) >= 8 * (hi - lo);
            sum += !tanhSinhOnly && interior ? gauss(lo, hi, c, mode) : tanhSinh(lo, hi, c, mode);
            if (k < kinks.length && hi == kinks[k]) {
                k++;
            }
            lo = hi;
        }
        return sum;
    }

    private double f(double u, double c, int mode) {
        double v = d.quantile(u) - c;
        return mode == SIGNED ? v : mode == ABS ? Math.abs(v) : v * v;
    }

    private double gauss(double a, double b, double c, int mode) {
        double half = (b - a) / 2;
        double mid = a + half;
        double s = 0;
        for (int i = 0; i < GL_X.length; i++) {
            s += GL_W[i] * f(mid + half * GL_X[i], c, mode);
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
