package io.redistributor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * A Gaussian kernel density estimate of one-dimensional data, with the semantics of the
 * reference implementation's {@code KernelDensity}: the mixture
 * {@code F(q) = (1/n) Σ Φ((q - x_i) / h)} with density {@code f(q) = (1/(n h)) Σ φ((q - x_i) / h)},
 * plus a grid on which the cdf is interpolated linearly for speed and inverted for the quantile.
 *
 * <p><b>Grid.</b> With a = min - 39h and b = max + 39h the grid holds {@code gridDensity} points
 * {@code a + j (b - a)/(gridDensity - 1)} (the last exactly b), as numpy's {@code linspace}
 * computes them. The exact cdf is evaluated there; leading points whose cdf is not &gt; 0 and
 * trailing points whose cdf is not &lt; 1 are dropped. The remaining {@link #gridUsed()} points
 * ({@link #gridValues()}, {@link #gridProbabilities()}) span the support
 * [{@link #supportLower()}, {@link #supportUpper()}] and the probabilities
 * [{@link #probabilityLower()}, {@link #probabilityUpper()}]. To drop exactly the points the
 * reference drops: a point counts as cdf = 0 when the term of the smallest value underflows in
 * the reference's Φ (scipy's {@code ndtr}, which is 0 for z below about -37.677); a point counts
 * as cdf = 1 when the terms Φ((g - x_i)/h), summed one after another in the order of the data
 * given to the fit as the reference sums them, add up to n in double arithmetic. The kept
 * probabilities are the accurate cdf values, held inside (0, 1) and made non-decreasing.
 *
 * <p><b>Functions.</b>
 * <ul>
 *   <li>{@link #cdf(double)} (the fast cdf): linear interpolation of the grid inside the
 *       support; outside it, {@link #cdfPrecise(double)}. NaN gives NaN, -∞ gives 0, +∞ gives
 *       1.</li>
 *   <li>{@link #cdfPrecise(double)}: the mixture cdf, 0 where every term is 0 in the reference
 *       and 1 where every term is 1. Its error is below 2e-13 relative to min(F, 1 - F) (so also
 *       in the far tails) plus about one ulp.</li>
 *   <li>{@link #density(double)}: the mixture density, with the same relative accuracy; 0 at
 *       ±∞, NaN for NaN.</li>
 *   <li>{@link #quantile(double)}: linear interpolation of the inverted grid; p below
 *       {@link #probabilityLower()} gives -∞ (so p = 0 does), p above {@link #probabilityUpper()}
 *       gives +∞ (so p = 1 does); p outside [0, 1] throws; NaN gives NaN.</li>
 *   <li>{@link #sample(UniformRandomProvider)}: a data value picked uniformly plus N(0, h²)
 *       noise.</li>
 * </ul>
 *
 * <p><b>Speed.</b> The reference evaluates the grid in O(n · gridDensity). Here the data are
 * sorted and cut into cells of h/16 whose moments give the kernel sums as truncated Hermite
 * series, each checked against a rigorous error bound and replaced by the direct sum where the
 * bound is not met (see {@code KernelSums}). Fitting costs a sort, O(n) for the moments and
 * O(gridDensity) cell evaluations independent of n; the grid is evaluated on the common
 * fork-join pool for large n, each point independently, so results are identical for any number
 * of threads. Evaluations allocate nothing.
 *
 * <p><b>Persistence.</b> A fit is a deterministic function of {@link #data()} (in the given
 * order), {@link #bandwidth()} and {@link #gridDensity()}:
 * {@code KernelDensity.of(k.data(), k.bandwidth(), k.gridDensity())} rebuilds an equal instance
 * with identical results.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class KernelDensity implements Distribution {

    /** Default number of grid points. */
    public static final int DEFAULT_GRID_DENSITY = 5000;
    /** Smallest allowed number of grid points. */
    public static final int MIN_GRID_DENSITY = 10;
    /** The grid reaches this many bandwidths beyond the smallest and largest value. */
    public static final double GRID_MARGIN = 39;

    /** scipy's ndtr (cephes erfc) returns 0 where (z/√2)² exceeds this (its MAXLOG). */
    private static final double NDTR_MAXLOG = 709.782712893384;
    private static final double SQRT1_2 = 0.7071067811865476;
    /** Data sizes from which fitting uses the common pool. */
    private static final int PARALLEL_MIN = 1 << 15;
    private static final int GRID_BLOCK = 64;
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private final double[] data;
    private final double[] sorted;
    private final double bandwidth;
    private final int gridDensity;
    private final KernelSums sums;
    /** At or below this value the cdf is summed from below, above it from above. */
    private final double split;
    private final double gridStart;
    private final double gridStep;
    /** Index of gridValues[0] in the full grid. */
    private final int gridFirst;
    private final double[] gridX;
    private final double[] gridP;

    private KernelDensity(double[] data, double bandwidth, int gridDensity) {
        int n = data.length;
        this.data = data;
        this.bandwidth = bandwidth;
        this.gridDensity = gridDensity;
        boolean parallel = n >= PARALLEL_MIN;
        double[] s = data.clone();
        if (parallel) {
            Arrays.parallelSort(s);
        } else {
            Arrays.sort(s);
        }
        this.sorted = s;
        this.split = s[n / 2];
        double min = s[0];
        double max = s[n - 1];
        double a = min - bandwidth * GRID_MARGIN;
        double b = max + bandwidth * GRID_MARGIN;
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw Checks.error("bandwidth", bandwidth, String.format(Locale.ROOT,
                "must keep the grid [min - 39h, max + 39h] finite (data in [%s, %s])", min, max));
        }
        this.gridStart = a;
        this.gridStep = (b - a) / (gridDensity - 1);
        int first = 0;
        while (first < gridDensity && ndtrReference((grid(first, b) - min) / bandwidth) == 0) {
            first++;
        }
        int top = gridDensity - 1;
        while (top >= first && ndtrReference((grid(top, b) - max) / bandwidth) == 1) {
            top--;
        }
        if (top < first || !belowOne(data, bandwidth, grid(first, b))) {
            throw noGrid(gridDensity, bandwidth);
        }
        int last = lastBelowOne(first, top, b);
        int m = last - first + 1;
        if (m < 2) {
            throw noGrid(gridDensity, bandwidth);
        }
        this.gridFirst = first;
        double[] gx = new double[m];
        for (int k = 0; k < m; k++) {
            gx[k] = grid(first + k, b);
            if (k > 0 && !(gx[k] > gx[k - 1])) {
                throw Checks.error("bandwidth", bandwidth, String.format(Locale.ROOT,
                    "is too small for the magnitude of the data (up to %s): grid points coincide",
                    Math.max(Math.abs(min), Math.abs(max))));
            }
        }
        this.gridX = gx;
        this.sums = new KernelSums(s, bandwidth, parallel);
        double[] gp = new double[m];
        IntStream blocks = IntStream.range(0, (m + GRID_BLOCK - 1) / GRID_BLOCK);
        (parallel ? blocks.parallel() : blocks).forEach(blk -> {
            int end = Math.min(m, (blk + 1) * GRID_BLOCK);
            for (int k = blk * GRID_BLOCK; k < end; k++) {
                gp[k] = accurate(gx[k]);
            }
        });
        double floor = Double.MIN_VALUE;
        double ceiling = Math.nextDown(1.0);
        for (int k = 0; k < m; k++) {
            gp[k] = Math.min(ceiling, Math.max(floor, gp[k]));
            floor = gp[k];
        }
        this.gridP = gp;
    }

    private static IllegalArgumentException noGrid(int gridDensity, double bandwidth) {
        return Checks.error("gridDensity", gridDensity, String.format(Locale.ROOT,
            "leaves fewer than 2 grid points with 0 < cdf < 1 (bandwidth %s); use a larger grid density",
            bandwidth));
    }

    /** Grid point j as numpy.linspace computes it. */
    private double grid(int j, double b) {
        return j == gridDensity - 1 ? b : j * gridStep + gridStart;
    }

    /**
     * The last grid index in [first, top] whose reference sum is below n, given that it is below
     * n at first and reaches n beyond top. The reference sum is non-decreasing along the grid
     * (every term is, and rounding is monotone), so a galloping then binary search finds it.
     */
    private int lastBelowOne(int first, int top, double b) {
        int good = first;
        int bad = top + 1;
        int step = 1;
        while (bad - good > 1) {
            int probe = Math.max(good + 1, bad - step);
            if (belowOne(data, bandwidth, grid(probe, b))) {
                good = probe;
                break;
            }
            bad = probe;
            step *= 2;
        }
        while (bad - good > 1) {
            int mid = (good + bad) >>> 1;
            if (belowOne(data, bandwidth, grid(mid, b))) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return good;
    }

    /** Whether the reference's cdf at g, summed term by term in data order, is below 1. */
    private static boolean belowOne(double[] data, double h, double g) {
        // values at or below `sure` have (g - x)/h >= ONE_Z, since rounding is monotone
        double sure = g - 8.4 * h;
        if (!((g - sure) / h >= KernelSums.ONE_Z)) {
            sure = Double.NEGATIVE_INFINITY;
        }
        double s = 0;
        for (double xi : data) {
            if (xi <= sure) {
                s += 1.0;
            } else {
                double z = (g - xi) / h;
                s += z >= KernelSums.ONE_Z ? 1.0 : ndtrReference(z);
            }
        }
        return s / data.length < 1;
    }

    /**
     * Φ(z) with the reference's underflow rule: 0 where cephes erfc(-z/√2) underflows, that is
     * for z below about -37.677 (scipy's {@code ndtr}); elsewhere the accurate Φ.
     *
     * @param z a value
     * @return Φ(z), or 0 where the reference gives 0
     */
    static double ndtrReference(double z) {
        double t = z * SQRT1_2;
        if (t < 0 && t * t > NDTR_MAXLOG) {
            return 0;
        }
        return KernelSums.phiCdf(z);
    }

    /** The accurate mixture cdf, summed from the nearer end. */
    private double accurate(double q) {
        int n = sorted.length;
        return q <= split ? sums.lowerSum(q) / n : 1 - sums.upperSum(q) / n;
    }

    /**
     * Fits with the defaults: Scott's bandwidth ({@link Bandwidth#SCOTT}) and
     * {@value #DEFAULT_GRID_DENSITY} grid points.
     *
     * @param x at least 2 finite values, not all equal; not modified
     * @return the kernel density
     * @throws IllegalArgumentException if x is null, has fewer than 2 values, contains NaN or
     *     ±∞, or all its values are equal
     */
    public static KernelDensity fit(double[] x) {
        return Fitter.DEFAULT.fit(x);
    }

    /**
     * Fits with an explicit bandwidth and grid density; also rebuilds a stored fit exactly.
     *
     * @param x at least 1 finite value; not modified; the order matters only for the reference's
     *     rule of dropping the top grid points
     * @param bandwidth h, &gt; 0 and finite
     * @param gridDensity number of grid points, ≥ {@value #MIN_GRID_DENSITY}
     * @return the kernel density
     * @throws IllegalArgumentException naming the argument and the rule it breaks, also when fewer
     *     than 2 grid points have 0 &lt; cdf &lt; 1 or h is too small for the magnitude of the data
     */
    public static KernelDensity of(double[] x, double bandwidth, int gridDensity) {
        return fitter().withBandwidth(bandwidth).withGridDensity(gridDensity).fit(x);
    }

    /**
     * Options for fitting, starting from the defaults (Scott's rule, grid density 5000).
     *
     * @return the default fitter
     */
    public static Fitter fitter() {
        return Fitter.DEFAULT;
    }

    /**
     * The fast cdf: linear interpolation of the grid inside the support, {@link #cdfPrecise}
     * outside it.
     *
     * @param q a value; NaN gives NaN, -∞ gives 0, +∞ gives 1
     * @return the cdf, in [0, 1]
     */
    @Override
    public double cdf(double q) {
        double[] gx = gridX;
        int last = gx.length - 1;
        if (!(q >= gx[0] && q <= gx[last])) {
            return cdfPrecise(q);
        }
        // first k with gx[k] >= q, estimated from the grid's arithmetic then corrected
        double est = Math.ceil((q - gridStart) / gridStep) - gridFirst;
        int k = est <= 0 ? 0 : (int) Math.min(est, last);
        while (k > 0 && gx[k - 1] >= q) {
            k--;
        }
        while (k < last && gx[k] < q) {
            k++;
        }
        k = Math.max(k, 1);
        double slope = (gridP[k] - gridP[k - 1]) / (gx[k] - gx[k - 1]);
        return slope * (q - gx[k - 1]) + gridP[k - 1];
    }

    /**
     * The mixture cdf (1/n) Σ Φ((q - x_i)/h), evaluated accurately: 0 where the reference's
     * every term is 0 (q more than about 37.677 h below the smallest value), 1 where every term
     * is 1 (about 8.3 h above the largest), otherwise within about 2e-13 of min(F, 1 - F)
     * relative, plus rounding of the result.
     *
     * @param q a value; NaN gives NaN, -∞ gives 0, +∞ gives 1
     * @return the cdf, in [0, 1]
     */
    public double cdfPrecise(double q) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (ndtrReference((q - sorted[0]) / bandwidth) == 0) {
            return 0;
        }
        if (ndtrReference((q - sorted[sorted.length - 1]) / bandwidth) == 1) {
            return 1;
        }
        return accurate(q);
    }

    /**
     * {@link #cdfPrecise(double)} of each value.
     *
     * @param q values (not modified)
     * @return a new array of the precise cdf values
     */
    public double[] cdfPrecise(double[] q) {
        Checks.notNull(q, "q");
        double[] out = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            out[i] = cdfPrecise(q[i]);
        }
        return out;
    }

    /**
     * Quantile by linear interpolation of the inverted grid.
     *
     * @param p a probability in [0, 1]; NaN gives NaN
     * @return -∞ below {@link #probabilityLower()} (so at 0), +∞ above
     *     {@link #probabilityUpper()} (so at 1), otherwise a value in the support
     * @throws IllegalArgumentException if p is outside [0, 1]
     */
    @Override
    public double quantile(double p) {
        if (Double.isNaN(p)) {
            return Double.NaN;
        }
        Checks.probability(p);
        double[] gp = gridP;
        int last = gp.length - 1;
        if (p < gp[0]) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p > gp[last]) {
            return Double.POSITIVE_INFINITY;
        }
        int lo = 0;
        int hi = last;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (gp[mid] < p) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int k = Math.max(lo, 1);
        if (gp[k] == gp[k - 1]) {
            // p equals the first probability and the grid is flat there
            return gridX[k - 1];
        }
        double slope = (gridX[k] - gridX[k - 1]) / (gp[k] - gp[k - 1]);
        return slope * (p - gp[k - 1]) + gridX[k - 1];
    }

    /**
     * The mixture density (1/(n h)) Σ φ((q - x_i)/h), accurate to about 2e-13 relative.
     *
     * @param q a value; NaN gives NaN, ±∞ give 0
     * @return the density, ≥ 0
     */
    @Override
    public double density(double q) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (Double.isInfinite(q)) {
            return 0;
        }
        return sums.densitySum(q) / sorted.length / bandwidth;
    }

    /** The first grid value: the lowest grid point with cdf &gt; 0. */
    @Override
    public double supportLower() {
        return gridX[0];
    }

    /** The last grid value: the highest grid point with cdf &lt; 1. */
    @Override
    public double supportUpper() {
        return gridX[gridX.length - 1];
    }

    /**
     * Draws one value: a data value picked uniformly ({@code rng.nextInt(n)}) plus N(0, h²) noise
     * by inversion of a uniform on (0, 1). Allocates nothing; the bulk forms use a faster
     * Ziggurat sampler, so they draw a different (equally distributed) sequence from the same
     * generator.
     */
    @Override
    public double sample(UniformRandomProvider rng) {
        Checks.notNull(rng, "rng");
        double centre = data[rng.nextInt(data.length)];
        return centre + bandwidth * STANDARD.inverseCumulativeProbability(Checks.openUnit(rng));
    }

    /**
     * Fills the range with draws: for each, a data value picked uniformly
     * ({@code rng.nextInt(n)}) plus N(0, h²) noise from one Ziggurat sampler on the same
     * generator. The same generator state gives the same values.
     */
    @Override
    public void sample(UniformRandomProvider rng, double[] dst, int pos, int length) {
        Checks.notNull(rng, "rng");
        Checks.range(dst.length, pos, length);
        ContinuousDistribution.Sampler gauss = STANDARD.createSampler(rng);
        for (int i = 0; i < length; i++) {
            dst[pos + i] = draw(rng, gauss);
        }
    }

    private double draw(UniformRandomProvider rng, ContinuousDistribution.Sampler gauss) {
        double centre = data[rng.nextInt(data.length)];
        return centre + bandwidth * gauss.sample();
    }

    /**
     * The data, in the order given to the fit.
     *
     * @return a copy
     */
    public double[] data() {
        return data.clone();
    }

    /**
     * The number of data values.
     *
     * @return n
     */
    public int count() {
        return data.length;
    }

    /**
     * The bandwidth h (the kernels' standard deviation).
     *
     * @return h &gt; 0
     */
    public double bandwidth() {
        return bandwidth;
    }

    /**
     * The requested number of grid points (before dropping points with cdf 0 or 1).
     *
     * @return the grid density
     */
    public int gridDensity() {
        return gridDensity;
    }

    /**
     * The number of grid points kept, those with 0 &lt; cdf &lt; 1.
     *
     * @return at least 2
     */
    public int gridUsed() {
        return gridX.length;
    }

    /**
     * The kept grid points.
     *
     * @return a copy, strictly increasing, from {@link #supportLower()} to {@link #supportUpper()}
     */
    public double[] gridValues() {
        return gridX.clone();
    }

    /**
     * The cdf at the kept grid points.
     *
     * @return a copy, non-decreasing, inside (0, 1)
     */
    public double[] gridProbabilities() {
        return gridP.clone();
    }

    /**
     * The cdf at the first kept grid point; the quantile is -∞ below it.
     *
     * @return the lowest grid probability, &gt; 0
     */
    public double probabilityLower() {
        return gridP[0];
    }

    /**
     * The cdf at the last kept grid point; the quantile is +∞ above it.
     *
     * @return the highest grid probability, &lt; 1
     */
    public double probabilityUpper() {
        return gridP[gridP.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KernelDensity other && bandwidth == other.bandwidth
            && gridDensity == other.gridDensity && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(data) * 31 + Double.hashCode(bandwidth)) * 31 + gridDensity;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "KernelDensity[n=%d, bandwidth=%s, grid=%d of %d]",
            data.length, bandwidth, gridX.length, gridDensity);
    }

    /**
     * Immutable fitting options: the bandwidth (explicit or by a {@link Bandwidth} rule) and the
     * grid density. Each {@code with} method returns a changed copy.
     */
    public static final class Fitter {
        /** Scott's rule and {@value KernelDensity#DEFAULT_GRID_DENSITY} grid points. */
        static final Fitter DEFAULT = new Fitter(Bandwidth.SCOTT, Double.NaN, DEFAULT_GRID_DENSITY);

        private final Bandwidth rule;
        private final double bandwidth;
        private final int gridDensity;

        private Fitter(Bandwidth rule, double bandwidth, int gridDensity) {
            this.rule = rule;
            this.bandwidth = bandwidth;
            this.gridDensity = gridDensity;
        }

        /**
         * Uses an explicit bandwidth (replacing any rule).
         *
         * @param h the bandwidth, &gt; 0 and finite
         * @return the changed copy
         * @throws IllegalArgumentException if h is not &gt; 0 or not finite
         */
        public Fitter withBandwidth(double h) {
            if (!(h > 0) || !Double.isFinite(h)) {
                throw Checks.error("bandwidth", h, "must be > 0 and finite");
            }
            return new Fitter(null, h, gridDensity);
        }

        /**
         * Computes the bandwidth from the data by a rule (replacing an explicit bandwidth).
         *
         * @param rule the rule
         * @return the changed copy
         * @throws IllegalArgumentException if rule is null
         */
        public Fitter withRule(Bandwidth rule) {
            return new Fitter(Checks.notNull(rule, "rule"), Double.NaN, gridDensity);
        }

        /**
         * Sets the number of grid points before dropping those with cdf 0 or 1.
         *
         * @param gridDensity at least {@value KernelDensity#MIN_GRID_DENSITY}
         * @return the changed copy
         * @throws IllegalArgumentException if gridDensity &lt; 10
         */
        public Fitter withGridDensity(int gridDensity) {
            if (gridDensity < MIN_GRID_DENSITY) {
                throw Checks.error("gridDensity", gridDensity, "must be >= " + MIN_GRID_DENSITY);
            }
            return new Fitter(rule, bandwidth, gridDensity);
        }

        /**
         * Fits the kernel density.
         *
         * @param x finite values: at least 1 with an explicit bandwidth, at least 2 and not all
         *     equal with a rule; not modified
         * @return the kernel density
         * @throws IllegalArgumentException if x is null or empty, contains NaN or ±∞, the rule
         *     cannot be applied, or the grid keeps fewer than 2 points
         */
        public KernelDensity fit(double[] x) {
            Checks.notNull(x, "x");
            if (x.length == 0) {
                throw Checks.error("x.length", 0, "must be >= 1");
            }
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i])) {
                    throw Checks.error("x[" + i + "]", x[i], "must be finite");
                }
            }
            double h = rule == null ? bandwidth : rule.of(x);
            return new KernelDensity(x.clone(), h, gridDensity);
        }
    }
}
