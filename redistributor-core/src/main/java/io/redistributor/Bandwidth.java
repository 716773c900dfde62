package io.redistributor;

/**
 * Rules of thumb for the bandwidth h of a Gaussian {@link KernelDensity}, from the data alone.
 *
 * <p>With n values, σ̂ their sample standard deviation (divisor n - 1, computed in two passes)
 * and IQR the distance between their 75th and 25th percentiles (linear interpolation between
 * order statistics at rank (n - 1)·p, numpy's and R's default "type 7"):
 * <ul>
 *   <li>{@link #SCOTT}: h = σ̂ · n^(-1/5) (scipy's {@code gaussian_kde} default in one
 *       dimension);</li>
 *   <li>{@link #SILVERMAN}: h = 0.9 · min(σ̂, IQR / 1.34) · n^(-1/5) (R's {@code bw.nrd0});
 *       when the IQR is 0 (more than half the values tied) σ̂ is used in its place.</li>
 * </ul>
 * These are not scikit-learn's {@code "scott"} and {@code "silverman"} strings, which omit σ̂.
 */
public enum Bandwidth {
    /** h = σ̂ · n^(-1/5). */
    SCOTT,
    /** h = 0.9 · min(σ̂, IQR / 1.34) · n^(-1/5), with σ̂ in place of a zero IQR. */
    SILVERMAN;

    /**
     * Computes the bandwidth of this rule for the data.
     *
     * @param x at least 2 finite values, not all equal; not modified
     * @return the bandwidth, &gt; 0
     * @throws IllegalArgumentException if x is null, has fewer than 2 values, contains NaN or
     *     ±∞, or all its values are equal (σ̂ = 0)
     */
    public double of(double[] x) {
        Checks.notNull(x, "x");
        if (x.length < 2) {
            throw Checks.error("x.length", x.length, "must be >= 2 for the bandwidth rule " + this);
        }
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw Checks.error("x[" + i + "]", x[i], "must be finite");
            }
            mean += x[i];
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            double d = v - mean;
            ss += d * d;
        }
        double sd = Math.sqrt(ss / (x.length - 1));
        double scale = sd;
        if (this == SILVERMAN) {
            double[] sorted = x.clone();
            java.util.Arrays.sort(sorted);
            double iqr = percentile(sorted, 0.75) - percentile(sorted, 0.25);
            if (iqr > 0) {
                scale = Math.min(sd, iqr / 1.34);
            }
            scale *= 0.9;
        }
        double h = scale * Math.pow(x.length, -0.2);
        if (!(h > 0) || !Double.isFinite(h)) {
            throw Checks.error("bandwidth", h, "from the rule " + this
                + " must be > 0 and finite; the data need a spread (sample sd " + sd + ")");
        }
        return h;
    }

    /**
     * Type 7 percentile: linear interpolation between the order statistics around rank (n - 1)·p.
     *
     * @param sorted values in ascending order, at least 1
     * @param p probability in [0, 1]
     * @return the percentile
     */
    static double percentile(double[] sorted, double p) {
        double rank = (sorted.length - 1) * p;
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
    }
}
