package io.redistributor.image;

/**
 * 3 × 3 matrix helpers on row-major {@code double[9]}: product, inverse, symmetric eigen
 * decomposition (cyclic Jacobi) and the square root of a symmetric positive semi-definite matrix.
 */
final class Matrix3 {

    private Matrix3() {
    }

    static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return c;
    }

    static double[] transpose(double[] a) {
        return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
    }

    static double[] inverse(double[] m) {
        double c00 = m[4] * m[8] - m[5] * m[7];
        double c01 = m[5] * m[6] - m[3] * m[8];
        double c02 = m[3] * m[7] - m[4] * m[6];
        double det = m[0] * c00 + m[1] * c01 + m[2] * c02;
        if (!(Math.abs(det) > 0)) {
            throw new IllegalArgumentException("matrix is singular (determinant " + det + ")");
        }
        double d = 1 / det;
        return new double[] {
            c00 * d, (m[2] * m[7] - m[1] * m[8]) * d, (m[1] * m[5] - m[2] * m[4]) * d,
            c01 * d, (m[0] * m[8] - m[2] * m[6]) * d, (m[2] * m[3] - m[0] * m[5]) * d,
            c02 * d, (m[1] * m[6] - m[0] * m[7]) * d, (m[0] * m[4] - m[1] * m[3]) * d};
    }

    /**
     * Eigen decomposition of a symmetric matrix: returns the eigenvalues and fills {@code vectors}
     * with the eigenvectors as columns.
     */
    static double[] eigenSymmetric(double[] s, double[] vectors) {
        double[] a = s.clone();
        double[] v = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
            if (off < 1e-30 * (a[0] * a[0] + a[4] * a[4] + a[8] * a[8]) || off == 0) {
                break;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    double apq = a[3 * p + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[3 * q + q] - a[3 * p + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    rotate(a, v, p, q, c, sn);
                }
            }
        }
        System.arraycopy(v, 0, vectors, 0, 9);
        return new double[] {a[0], a[4], a[8]};
    }

    /** Applies the Jacobi rotation J(p, q) to a (A' = Jᵀ A J) and accumulates V' = V J. */
    private static void rotate(double[] a, double[] v, int p, int q, double c, double s) {
        for (int k = 0; k < 3; k++) {
            double akp = a[3 * k + p];
            double akq = a[3 * k + q];
            a[3 * k + p] = c * akp - s * akq;
            a[3 * k + q] = s * akp + c * akq;
        }
        for (int k = 0; k < 3; k++) {
            double apk = a[3 * p + k];
            double aqk = a[3 * q + k];
            a[3 * p + k] = c * apk - s * aqk;
            a[3 * q + k] = s * apk + c * aqk;
        }
        for (int k = 0; k < 3; k++) {
            double vkp = v[3 * k + p];
            double vkq = v[3 * k + q];
            v[3 * k + p] = c * vkp - s * vkq;
            v[3 * k + q] = s * vkp + c * vkq;
        }
    }

    /**
     * f(S) = V f(Λ) Vᵀ for a symmetric S, with the eigenvalues floored at {@code floor} before
     * applying the power (1/2 or -1/2).
     */
    static double[] power(double[] s, double exponent, double floor) {
        double[] v = new double[9];
        double[] lambda = eigenSymmetric(s, v);
        double[] d = new double[9];
        for (int i = 0; i < 3; i++) {
            d[4 * i] = Math.pow(Math.max(lambda[i], floor), exponent);
        }
        return multiply(multiply(v, d), transpose(v));
    }
}
