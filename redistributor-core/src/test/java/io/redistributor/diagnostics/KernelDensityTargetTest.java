package io.redistributor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.KernelDensity;
import io.redistributor.ParametricDistribution;
import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Diagnostics against a kernel density target, whose quantile interpolates its grid. */
class KernelDensityTargetTest {

    private static final KernelDensity KDE = KernelDensity.of(
        ParametricDistribution.of("gamma", 3, 1).sample(40, 8), 0.5, 300);

    /** Q at u by linear interpolation of the grid (u within the grid's probabilities). */
    private static double gridQuantile(double[] p, double[] v, double u) {
        int hi = 1;
        while (hi < p.length - 1 && p[hi] < u) {
            hi++;
        }
        int lo = hi - 1;
        return p[hi] == p[lo] ? v[lo] : v[lo] + (u - p[lo]) / (p[hi] - p[lo]) * (v[hi] - v[lo]);
    }

    /**
     * ∫ |F_n⁻¹(u) − Q(u)| du over the grid's probability range, exactly: on each piece between
     * the breakpoints i/n and the grid probabilities both are linear (F_n⁻¹ constant), and the
     * area of |c − linear| is a trapezoid or two triangles.
     */
    private static double exactW1(double[] sample, KernelDensity k) {
        double[] xs = sample.clone();
        Arrays.sort(xs);
        int n = xs.length;
        double[] p = k.gridProbabilities();
        double[] v = k.gridValues();
        TreeSet<Double> cuts = new TreeSet<>();
        for (double q : p) {
            cuts.add(q);
        }
        for (int i = 1; i < n; i++) {
            double u = (double) i / n;
            if (u > p[0] && u < p[p.length - 1]) {
                cuts.add(u);
            }
        }
        Double[] c = cuts.toArray(new Double[0]);
        double total = 0;
        for (int j = 1; j < c.length; j++) {
            double s = c[j - 1];
            double t = c[j];
            double x = xs[Math.min(n - 1, (int) Math.floor((s + t) / 2 * n))];
            double a = gridQuantile(p, v, s) - x;
            double b = gridQuantile(p, v, t) - x;
            if (a * b >= 0) {
                total += (t - s) * Math.abs(a + b) / 2;
            } else {
                double lambda = a / (a - b);
                total += (t - s) * (lambda * Math.abs(a) + (1 - lambda) * Math.abs(b)) / 2;
            }
        }
        return total;
    }

    @Test
    void wassersteinToAKernelDensityIsExactOnItsGrid() {
        for (long seed = 1; seed <= 3; seed++) {
            double[] x = ParametricDistribution.of("gamma", 3, 1.1).sample(25 * (int) seed, seed);
            double expected = exactW1(x, KDE);
            // both are exact up to rounding of a few hundred pieces
            assertEquals(expected, Wasserstein.distance(x, KDE), 1e-12 * expected, "seed " + seed);
        }
    }

    @Test
    void momentsOfTheMixture() {
        double[] d = KDE.data();
        double mean = Arrays.stream(d).sum() / d.length;
        double var = Arrays.stream(d).map(v -> (v - mean) * (v - mean)).sum() / d.length;
        double[] m = FitReport.targetMoments(KDE);
        // the same sums in a different order: a few ulp
        assertEquals(mean, m[0], 1e-14);
        assertEquals(Math.sqrt(var + 0.25), m[1], 1e-14);
    }

    @Test
    void reportAgainstAKernelDensity() {
        double[] x = KDE.sample(400, 21);
        FitReport r = FitReport.of(x, KDE);
        // a fixed-seed sample of the kernel density itself: the KS test does not reject at 1 %
        assertTrue(r.ksPValue() > 0.01, r.toString());
        assertTrue(Double.isFinite(r.wasserstein()) && r.wasserstein() > 0, r.toString());
    }
}
