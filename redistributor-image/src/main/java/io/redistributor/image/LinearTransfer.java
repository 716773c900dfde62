package io.redistributor.image;

/**
 * The moment-matching baselines: Reinhard et al. 2001 (per channel, mean and standard deviation)
 * and the Monge–Kantorovich linear map of Pitié and Kokaram 2007 (mean and covariance). Both
 * work in place on planar float point sets; sums run sequentially in double precision, so
 * results do not depend on the thread count.
 */
final class LinearTransfer {

    private LinearTransfer() {
    }

    /** Per-channel shift and scale to the reference's mean and standard deviation; a flat source channel takes the reference mean. */
    static void reinhard(float[][] s, float[][] r) {
        for (int c = 0; c < s.length; c++) {
            double[] ms = meanSd(s[c]);
            double[] mr = meanSd(r[c]);
            double gain = ms[1] > 0 ? mr[1] / ms[1] : 0;
            float[] x = s[c];
            double mu = ms[0];
            double target = mr[0];
            Parallel.forRange(x.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    x[i] = (float) ((x[i] - mu) * gain + target);
                }
            });
        }
    }

    static double[] meanSd(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        double mean = sum / x.length;
        double ss = 0;
        for (float v : x) {
            double d = v - mean;
            ss += d * d;
        }
        return new double[] {mean, Math.sqrt(ss / x.length)};
    }

    /** Mean (3) and covariance (row-major 3 × 3) of a 3-channel point set. */
    static double[][] moments(float[][] p) {
        int n = p[0].length;
        double[] mean = new double[3];
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (float v : p[c]) {
                sum += v;
            }
            mean[c] = sum / n;
        }
        double[] cov = new double[9];
        for (int i = 0; i < n; i++) {
            double a = p[0][i] - mean[0];
            double b = p[1][i] - mean[1];
            double d = p[2][i] - mean[2];
            cov[0] += a * a;
            cov[1] += a * b;
            cov[2] += a * d;
            cov[4] += b * b;
            cov[5] += b * d;
            cov[8] += d * d;
        }
        for (int k = 0; k < 9; k++) {
            cov[k] /= n;
        }
        cov[3] = cov[1];
        cov[6] = cov[2];
        cov[7] = cov[5];
        return new double[][] {mean, cov};
    }

    /**
     * The Monge–Kantorovich linear map x ↦ T (x - μs) + μr with
     * T = Σs^-1/2 (Σs^1/2 Σr Σs^1/2)^1/2 Σs^-1/2, the least-displacement affine map between the
     * two Gaussians. Eigenvalues are floored at 1e-9 times the largest so that a flat or planar
     * source stays finite.
     */
    static void mkl(float[][] s, float[][] r) {
        double[][] ms = moments(s);
        double[][] mr = moments(r);
        double floor = 1e-9 * Math.max(1e-30, Math.max(trace(ms[1]), trace(mr[1])));
        double[] half = Matrix3.power(ms[1], 0.5, floor);
        double[] invHalf = Matrix3.power(ms[1], -0.5, floor);
        double[] middle = Matrix3.power(Matrix3.multiply(Matrix3.multiply(half, mr[1]), half), 0.5, floor);
        double[] t = Matrix3.multiply(Matrix3.multiply(invHalf, middle), invHalf);
        affine(s, t, ms[0], mr[0]);
    }

    private static double trace(double[] m) {
        return m[0] + m[4] + m[8];
    }

    /** x ↦ t (x - from) + to, in place. */
    static void affine(float[][] s, double[] t, double[] from, double[] to) {
        Parallel.forRange(s[0].length, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                double a = s[0][i] - from[0];
                double b = s[1][i] - from[1];
                double d = s[2][i] - from[2];
                s[0][i] = (float) (t[0] * a + t[1] * b + t[2] * d + to[0]);
                s[1][i] = (float) (t[3] * a + t[4] * b + t[5] * d + to[1]);
                s[2][i] = (float) (t[6] * a + t[7] * b + t[8] * d + to[2]);
            }
        });
    }
}
