package io.redistributor.io;

/**
 * An independent, deliberately plain evaluation of a stored learned lattice, written from the
 * definition in docs/model-format.md (linear interpolation between lattice points, a repeated value
 * at the middle of its probability run, clamping or NaN outside the support) and used as the
 * expectation for models read back from files.
 */
final class LatticeReference {
    private final double[] p;
    private final double[] v;
    private final boolean below;
    private final boolean above;

    LatticeReference(double[] p, double[] v, boolean below, boolean above) {
        this.p = p;
        this.v = v;
        this.below = below;
        this.above = above;
    }

    double cdf(double x) {
        int m = v.length;
        if (x < v[0]) {
            return below ? Double.NaN : p[0];
        }
        if (x > v[m - 1]) {
            return above ? Double.NaN : p[m - 1];
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < m; i++) {
            if (v[i] == x) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first >= 0) {
            return (p[first] + p[last]) / 2;
        }
        int hi = 0;
        while (v[hi] < x) {
            hi++;
        }
        int lo = hi - 1;
        double t = (x - v[lo]) / (v[hi] - v[lo]);
        return p[lo] + t * (p[hi] - p[lo]);
    }

    double quantile(double q) {
        int m = p.length;
        if (q <= p[0]) {
            return v[0];
        }
        if (q >= p[m - 1]) {
            return v[m - 1];
        }
        int hi = 0;
        while (p[hi] < q) {
            hi++;
        }
        int lo = hi - 1;
        double t = (q - p[lo]) / (p[hi] - p[lo]);
        return v[lo] + t * (v[hi] - v[lo]);
    }

    /** Points to check: every lattice value, the midpoints between neighbours, and beyond both ends. */
    double[] probePoints() {
        int m = v.length;
        double[] x = new double[2 * m + 1];
        double span = v[m - 1] - v[0];
        x[0] = v[0] - 0.25 * span;
        for (int i = 0; i < m; i++) {
            x[2 * i + 1] = v[i];
            x[2 * i + 2] = i + 1 < m ? (v[i] + v[i + 1]) / 2 : v[m - 1] + 0.25 * span;
        }
        return x;
    }
}
