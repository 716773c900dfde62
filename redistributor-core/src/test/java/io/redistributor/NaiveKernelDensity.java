package io.redistributor;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Direct O(n) kernel sums and the reference's O(n · grid) grid construction, written out
 * literally, as independent expectations for {@link KernelDensity} and {@link KernelSums}.
 */
final class NaiveKernelDensity {
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);
    /**
     * scipy.special.ndtr(z) is 0 for z ≤ -37.67712072049519 and positive for z ≥
     * -37.67712072049518 (checked with scipy 1.17): cephes erfc returns 0 once (z/√2)² exceeds
     * its MAXLOG = 7.09782712893383996843e2.
     */
    static final double CEPHES_MAXLOG = 7.09782712893383996843e2;

    private NaiveKernelDensity() {
    }

    /** Σ Φ(sign · (q - x_i)/h), summed with Neumaier's compensation. */
    static double sum(double[] x, double h, double q, int sign) {
        double s = 0;
        double c = 0;
        for (double xi : x) {
            double t = STANDARD.cumulativeProbability(sign > 0 ? (q - xi) / h : (xi - q) / h);
            double u = s + t;
            c += Math.abs(s) >= Math.abs(t) ? (s - u) + t : (t - u) + s;
            s = u;
        }
        return s + c;
    }

    /** Σ φ((q - x_i)/h), compensated. */
    static double densitySum(double[] x, double h, double q) {
        double s = 0;
        double c = 0;
        for (double xi : x) {
            double z = (q - xi) / h;
            double t = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
            double u = s + t;
            c += Math.abs(s) >= Math.abs(t) ? (s - u) + t : (t - u) + s;
            s = u;
        }
        return s + c;
    }

    /** scipy's ndtr: Φ, but 0 where cephes erfc underflows. */
    static double ndtr(double z) {
        double t = z * 0.7071067811865476; // as cephes: a * M_SQRT1_2
        return t < 0 && t * t > CEPHES_MAXLOG ? 0 : STANDARD.cumulativeProbability(z);
    }

    /** The reference grid: cdfx and cdfy after dropping points with cdf not in (0, 1). */
    static double[][] referenceGrid(double[] x, double h, int gridDensity) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double a = min - h * 39;
        double b = max + h * 39;
        double step = (b - a) / (gridDensity - 1);
        double[] gx = new double[gridDensity];
        double[] gy = new double[gridDensity];
        int valid0 = 0;
        int valid1 = 0;
        for (int j = 0; j < gridDensity; j++) {
            gx[j] = j == gridDensity - 1 ? b : j * step + a;
            double s = 0;
            for (double xi : x) {
                s += ndtr((gx[j] - xi) / h);
            }
            gy[j] = s / x.length;
            valid0 += gy[j] > 0 ? 0 : 1;
            valid1 += gy[j] < 1 ? 0 : 1;
        }
        int used = gridDensity - valid0 - valid1;
        double[][] out = new double[2][used];
        System.arraycopy(gx, valid0, out[0], 0, used);
        System.arraycopy(gy, valid0, out[1], 0, used);
        return out;
    }
}
