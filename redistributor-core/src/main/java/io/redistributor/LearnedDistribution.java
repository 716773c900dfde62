package io.redistributor;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A distribution learned from samples: the empirical cdf interpolated linearly on a lattice of
 * exact order statistics, with the semantics of the reference implementation's
 * {@code LearnedDistribution}.
 *
 * <p>For n samples and {@code bins} lattice points, the lattice takes the order statistics at the
 * ranks {@code round(i (n - 1) / (bins - 1))} (round half to even), i = 0 … bins - 1. With
 * Δ = 1 / (bins + 1) they sit at the evenly spaced probabilities Δ … 1 - Δ. An optional lower
 * bound a (&lt; min) adds the point (a, 0) and an upper bound b (&gt; max) adds (b, 1), and the
 * probabilities then run from 0 and to 1, still evenly spaced.
 *
 * <p>Out of support: below the first lattice value the cdf is the first lattice probability
 * (Δ) when no lower bound was given, and NaN below a given bound a; likewise above. ±∞ follow the
 * same rule. {@link #quantile} of p below the first or above the last lattice probability gives
 * the first or last lattice value.
 *
 * <p>Ties are handled by a {@link TiePolicy}. {@link #density} is the exact derivative of the
 * piecewise linear cdf: constant between lattice points, 0 outside the support, +∞ at a value
 * repeated on the lattice (a point mass).
 *
 * <p>Instances are immutable. Create them with {@link #fit(double[])} or a configured
 * {@link Fitter} from {@link #fitter()}.
 */
public final class LearnedDistribution implements Distribution {

    /** Default upper limit of the number of lattice points. */
    public static final int DEFAULT_MAX_BINS = 5000;

    private final double[] probabilities;
    private final double[] values;
    private final boolean boundedBelow;
    private final boolean boundedAbove;
    private final int bins;
    private final long count;
    private final TiePolicy ties;
    /** Spacing of the probability lattice. */
    private final double step;
    private final double invStep;
    private final boolean hasTies;
    /** cdf at each lattice value: its probability, or the middle of its run of equal values; null without ties. */
    private final double[] atLattice;
    /** Lookup table of the bulk cdf, built on first use (benign race: any copy is equal). */
    private volatile LatticeIndex index;
    /** Values per batch of the bulk cdf. */
    private static final int BATCH = 512;

    private LearnedDistribution(double[] probabilities, double[] values, boolean boundedBelow,
                                boolean boundedAbove, int bins, long count, TiePolicy ties) {
        this.probabilities = probabilities;
        this.values = values;
        this.boundedBelow = boundedBelow;
        this.boundedAbove = boundedAbove;
        this.bins = bins;
        this.count = count;
        this.ties = ties;
        this.step = (probabilities[probabilities.length - 1] - probabilities[0]) / (probabilities.length - 1);
        this.invStep = 1 / step;
        boolean t = false;
        for (int i = 1; i < values.length; i++) {
            t |= values[i] == values[i - 1];
        }
        this.hasTies = t;
        this.atLattice = t ? runMidpoints(probabilities, values) : null;
    }

    /** For each lattice index, the middle of the probabilities of its run of equal values. */
    private static double[] runMidpoints(double[] p, double[] v) {
        double[] mid = new double[v.length];
        int lo = 0;
        while (lo < v.length) {
            int hi = lo;
            while (hi + 1 < v.length && v[hi + 1] == v[lo]) {
                hi++;
            }
            double m = lo == hi ? p[lo] : 0.5 * (p[lo] + p[hi]);
            for (int i = lo; i <= hi; i++) {
                mid[i] = m;
            }
            lo = hi + 1;
        }
        return mid;
    }

    /**
     * Fits with the default options: bins = min(n, 5000), no bounds, midpoint ties, and the
     * caller's array left unchanged.
     *
     * @param x samples: at least 3, finite, not all equal; not modified
     * @return the learned distribution
     * @throws IllegalArgumentException if x is null, has fewer than 3 values, contains NaN or ±∞,
     *     or all its values are equal
     */
    public static LearnedDistribution fit(double[] x) {
        return fitter().fit(x);
    }

    /**
     * Options for fitting, starting from the defaults.
     *
     * @return the default fitter
     */
    public static Fitter fitter() {
        return Fitter.DEFAULT;
    }

    /**
     * Rebuilds a distribution from a stored lattice (used by persistence and merged fits). The
     * probabilities must be strictly increasing in [0, 1] and evenly spaced; the values finite and
     * non-decreasing; the first probability is 0 exactly when {@code boundedBelow}, the last is 1
     * exactly when {@code boundedAbove}.
     *
     * @param probabilities lattice probabilities (copied)
     * @param values lattice values (copied)
     * @param boundedBelow whether the first point is a given lower bound
     * @param boundedAbove whether the last point is a given upper bound
     * @param count number of samples the lattice was learned from (≥ bins)
     * @param ties the tie policy the lattice was built with
     * @return the distribution
     * @throws IllegalArgumentException naming the first rule the lattice breaks
     */
    public static LearnedDistribution ofLattice(double[] probabilities, double[] values, boolean boundedBelow,
                                                boolean boundedAbove, long count, TiePolicy ties) {
        Checks.notNull(probabilities, "probabilities");
        Checks.notNull(values, "values");
        Checks.notNull(ties, "ties");
        int m = probabilities.length;
        if (values.length != m) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "probabilities (%d) and values (%d) must have the same length", m, values.length));
        }
        int bins = m - (boundedBelow ? 1 : 0) - (boundedAbove ? 1 : 0);
        if (bins < 3) {
            throw Checks.error("bins", bins, "must be >= 3");
        }
        if (count < bins) {
            throw Checks.error("count", count, "must be >= bins (" + bins + ")");
        }
        for (int i = 0; i < m; i++) {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) {
                throw Checks.error("probabilities[" + i + "]", p, "must be in [0, 1]");
            }
            if (i > 0 && !(p > probabilities[i - 1])) {
                throw Checks.error("probabilities[" + i + "]", p, "must be > probabilities[" + (i - 1) + "] ("
                    + probabilities[i - 1] + ")");
            }
            if (!Double.isFinite(values[i])) {
                throw Checks.error("values[" + i + "]", values[i], "must be finite");
            }
            if (i > 0 && !(values[i] >= values[i - 1])) {
                throw Checks.error("values[" + i + "]", values[i], "must be >= values[" + (i - 1) + "] ("
                    + values[i - 1] + ")");
            }
        }
        if (boundedBelow != (probabilities[0] == 0)) {
            throw Checks.error("probabilities[0]", probabilities[0],
                boundedBelow ? "must be 0 with a lower bound" : "must be > 0 without a lower bound");
        }
        if (boundedAbove != (probabilities[m - 1] == 1)) {
            throw Checks.error("probabilities[" + (m - 1) + "]", probabilities[m - 1],
                boundedAbove ? "must be 1 with an upper bound" : "must be < 1 without an upper bound");
        }
        double[] expected = lattice(bins, boundedBelow, boundedAbove);
        for (int i = 0; i < m; i++) {
            if (Math.abs(expected[i] - probabilities[i]) > 1e-9) {
                throw Checks.error("probabilities[" + i + "]", probabilities[i],
                    "must be the evenly spaced lattice value " + expected[i]);
            }
        }
        if (values[0] == values[m - 1]) {
            throw new IllegalArgumentException("values are all equal (" + values[0] + "); a lattice needs a spread");
        }
        if ((boundedBelow && values[0] == values[1]) || (boundedAbove && values[m - 1] == values[m - 2])) {
            throw new IllegalArgumentException("a bound must differ from the nearest data value");
        }
        if (ties == TiePolicy.JITTER || ties == TiePolicy.ERROR) {
            for (int i = 1; i < m; i++) {
                if (values[i] == values[i - 1]) {
                    throw Checks.error("values[" + i + "]", values[i], "repeats values[" + (i - 1)
                        + "], which the tie policy " + ties + " does not allow");
                }
            }
        }
        return new LearnedDistribution(probabilities.clone(), values.clone(), boundedBelow, boundedAbove, bins,
            count, ties);
    }

    /**
     * The ranks (0-based positions in sorted order) of the order statistics that form the lattice:
     * {@code round(i (n - 1) / (bins - 1))} with round half to even, computed in double precision
     * exactly as the reference does.
     *
     * @param n number of samples, ≥ bins
     * @param bins number of lattice points, ≥ 3
     * @return {@code bins} non-decreasing ranks from 0 to n - 1
     * @throws IllegalArgumentException if bins &lt; 3 or bins &gt; n
     */
    public static long[] latticeRanks(long n, int bins) {
        checkBins(bins, n);
        long[] ranks = new long[bins];
        double stepRank = (double) (n - 1) / (bins - 1);
        for (int i = 0; i < bins - 1; i++) {
            ranks[i] = (long) Math.rint(i * stepRank);
        }
        ranks[bins - 1] = n - 1;
        return ranks;
    }

    /**
     * The default number of lattice points for n samples: min(n, 5000).
     *
     * @param n number of samples
     * @return the default bins
     */
    public static int defaultBins(long n) {
        return (int) Math.min(n, DEFAULT_MAX_BINS);
    }

    static void checkBins(int bins, long n) {
        if (bins < 3) {
            throw Checks.error("bins", bins, "must be >= 3");
        }
        if (bins > n) {
            throw Checks.error("bins", bins, "must be <= n (" + n + ")");
        }
    }

    /** Evenly spaced lattice probabilities, computed as numpy.linspace does. */
    static double[] lattice(int bins, boolean boundedBelow, boolean boundedAbove) {
        int m = bins + (boundedBelow ? 1 : 0) + (boundedAbove ? 1 : 0);
        double delta = 1.0 / (bins + 1);
        double start = boundedBelow ? 0 : delta;
        double stop = boundedAbove ? 1 : 1 - delta;
        double s = (stop - start) / (m - 1);
        double[] p = new double[m];
        for (int i = 0; i < m; i++) {
            p[i] = i * s + start;
        }
        p[m - 1] = stop;
        return p;
    }

    @Override
    public double cdf(double x) {
        double[] v = values;
        int last = v.length - 1;
        if (!(x > v[0])) {
            if (x == v[0]) {
                return atValue(0);
            }
            // below the support, or NaN
            return x < v[0] && !boundedBelow ? probabilities[0] : Double.NaN;
        }
        if (!(x < v[last])) {
            if (x == v[last]) {
                return atValue(last);
            }
            return !boundedAbove ? probabilities[last] : Double.NaN;
        }
        int i = Arrays.binarySearch(v, x);
        if (i >= 0) {
            return atValue(i);
        }
        int hi = -i - 1;
        int lo = hi - 1;
        // -0.0 and 0.0 are equal values, but the binary search orders them apart
        if (v[hi] == x) {
            return atValue(hi);
        }
        if (v[lo] == x) {
            return atValue(lo);
        }
        double[] p = probabilities;
        return p[lo] + (x - v[lo]) * ((p[hi] - p[lo]) / (v[hi] - v[lo]));
    }

    /**
     * Bulk cdf through an O(1) lookup table over the lattice (built on first use: 4 bytes per
     * bucket, 8 to 16 buckets per lattice point, and 32 bytes per segment). The results are
     * bit-for-bit those of {@link #cdf(double)}, including NaN, out-of-support values, ±∞ and
     * ties. Nothing is allocated per value (one buffer of 512 segment indices per call). Source
     * and destination may be the same range.
     */
    @Override
    public void cdf(double[] src, int srcPos, double[] dst, int dstPos, int length) {
        Checks.notNull(src, "src");
        Checks.notNull(dst, "dst");
        Checks.ranges(src.length, srcPos, dst.length, dstPos, length);
        LatticeIndex ix = index();
        // In batches, the segments first: two loops with short chains of dependent loads each
        // keep more values in flight than one loop with the whole chain (KernelBench.learnedCdf).
        int size = Math.min(BATCH, length);
        int[] segment = new int[size];
        int[] rest = new int[size];
        double[] restX = new double[size];
        for (int start = 0; start < length; start += BATCH) {
            int len = Math.min(BATCH, length - start);
            int from = srcPos + start;
            // values outside the open support (rare) are collected, with x as the destination
            // may be the source, and take the scalar rule after the batch
            int others = 0;
            for (int j = 0; j < len; j++) {
                double x = src[from + j];
                if (ix.inside(x)) {
                    segment[j] = ix.segment(x);
                } else {
                    segment[j] = 0;
                    rest[others] = j;
                    restX[others++] = x;
                }
            }
            int to = dstPos + start;
            for (int j = 0; j < len; j++) {
                dst[to + j] = ix.at(segment[j], src[from + j]);
            }
            for (int k = 0; k < others; k++) {
                dst[to + rest[k]] = cdf(restX[k]);
            }
        }
    }

    /**
     * Bulk cdf of {@code float} values, computed in double precision as {@link #cdf(double)} and
     * rounded once to float (through the double bulk cdf, in chunks). Source and destination may
     * be the same range.
     */
    @Override
    public void cdf(float[] src, int srcPos, float[] dst, int dstPos, int length) {
        Checks.notNull(src, "src");
        Checks.notNull(dst, "dst");
        Checks.ranges(src.length, srcPos, dst.length, dstPos, length);
        Widening.apply(src, srcPos, dst, dstPos, length, this::cdf);
    }

    private LatticeIndex index() {
        LatticeIndex ix = index;
        if (ix == null) {
            ix = new LatticeIndex(probabilities, values, hasTies ? atLattice : probabilities);
            index = ix;
        }
        return ix;
    }

    /** cdf at a lattice value found at index i: the middle of the run of equal values (O(1)). */
    private double atValue(int i) {
        return hasTies ? atLattice[i] : probabilities[i];
    }

    @Override
    public double quantile(double p) {
        if (Double.isNaN(p)) {
            return Double.NaN;
        }
        Checks.probability(p);
        double[] q = probabilities;
        int last = q.length - 1;
        if (p <= q[0]) {
            return values[0];
        }
        if (p >= q[last]) {
            return values[last];
        }
        int k = (int) ((p - q[0]) * invStep);
        if (k > last - 1) {
            k = last - 1;
        }
        while (k > 0 && q[k] > p) {
            k--;
        }
        while (k < last - 1 && q[k + 1] <= p) {
            k++;
        }
        if (p == q[k]) {
            return values[k];
        }
        return values[k] + (p - q[k]) * ((values[k + 1] - values[k]) / (q[k + 1] - q[k]));
    }

    @Override
    public double density(double x) {
        double[] v = values;
        int last = v.length - 1;
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < v[0] || x > v[last]) {
            return 0;
        }
        int i = Arrays.binarySearch(v, x);
        if (i >= 0) {
            boolean repeated = (i > 0 && v[i - 1] == x) || (i < last && v[i + 1] == x);
            if (repeated) {
                return Double.POSITIVE_INFINITY;
            }
            int hi = Math.max(i, 1);
            return (probabilities[hi] - probabilities[hi - 1]) / (v[hi] - v[hi - 1]);
        }
        int hi = -i - 1;
        return (probabilities[hi] - probabilities[hi - 1]) / (v[hi] - v[hi - 1]);
    }

    @Override
    public double supportLower() {
        return values[0];
    }

    @Override
    public double supportUpper() {
        return values[values.length - 1];
    }

    /**
     * Draws by inversion with u uniform between the first and last lattice probability, as the
     * reference does.
     */
    @Override
    public double sample(UniformRandomProvider rng) {
        double u = Checks.openUnit(rng);
        double lo = probabilities[0];
        double hi = probabilities[probabilities.length - 1];
        return quantile(lo + u * (hi - lo));
    }

    /**
     * The lattice probabilities.
     *
     * @return a copy, strictly increasing
     */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /**
     * The lattice values (the order statistics, with bounds where given).
     *
     * @return a copy, non-decreasing
     */
    public double[] values() {
        return values.clone();
    }

    /**
     * The number of order statistics on the lattice (without bounds).
     *
     * @return bins
     */
    public int bins() {
        return bins;
    }

    /**
     * The number of samples the lattice was learned from (after subsampling).
     *
     * @return the sample count
     */
    public long count() {
        return count;
    }

    /**
     * Whether a lower bound a was given; then the cdf is NaN below a.
     *
     * @return true with a lower bound
     */
    public boolean boundedBelow() {
        return boundedBelow;
    }

    /**
     * Whether an upper bound b was given; then the cdf is NaN above b.
     *
     * @return true with an upper bound
     */
    public boolean boundedAbove() {
        return boundedAbove;
    }

    /**
     * The tie policy the lattice was built with.
     *
     * @return the tie policy
     */
    public TiePolicy ties() {
        return ties;
    }

    /**
     * Whether some value repeats on the lattice (possible only with {@link TiePolicy#MIDPOINT}).
     *
     * @return true if the lattice holds a repeated value
     */
    public boolean hasTies() {
        return hasTies;
    }

    /** Lattice probability spacing, used by fast paths. */
    double step() {
        return step;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearnedDistribution d && boundedBelow == d.boundedBelow && boundedAbove == d.boundedAbove
            && count == d.count && ties == d.ties && Arrays.equals(probabilities, d.probabilities)
            && Arrays.equals(values, d.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LearnedDistribution[bins=%d, n=%d, support=[%s, %s], ties=%s]",
            bins, count, values[0], values[values.length - 1], ties);
    }

    /**
     * Immutable fitting options. Each {@code with…} method returns a modified copy.
     *
     * <p>Defaults: bins = min(n, 5000); no bounds; no subsampling; the input is not assumed
     * sorted; the caller's array is not modified (at most one copy of the input is made, none
     * for large inputs; see {@link #withInPlace(boolean)}); ties
     * {@link TiePolicy#MIDPOINT}; seed 0 (used only by {@link TiePolicy#JITTER}).
     */
    public static final class Fitter {
        /** Inputs at least this long are fitted by {@link RankSelect} when bins ≤ n / 64. */
        static final int COUNTING_MIN = 1 << 16;
        static final Fitter DEFAULT = new Fitter(0, Double.NaN, Double.NaN, 1, false, false, TiePolicy.MIDPOINT, 0L);

        private final int bins;
        private final double lower;
        private final double upper;
        private final int subsample;
        private final boolean assumeSorted;
        private final boolean inPlace;
        private final TiePolicy ties;
        private final long seed;

        private Fitter(int bins, double lower, double upper, int subsample, boolean assumeSorted, boolean inPlace,
                       TiePolicy ties, long seed) {
            this.bins = bins;
            this.lower = lower;
            this.upper = upper;
            this.subsample = subsample;
            this.assumeSorted = assumeSorted;
            this.inPlace = inPlace;
            this.ties = ties;
            this.seed = seed;
        }

        /**
         * Number of lattice points; 0 means min(n, 5000). Checked against n at fit time:
         * 3 ≤ bins ≤ n.
         *
         * @param bins 0, or at least 3
         * @return a modified copy
         * @throws IllegalArgumentException if bins is negative, 1 or 2
         */
        public Fitter withBins(int bins) {
            if (bins != 0 && bins < 3) {
                throw Checks.error("bins", bins, "must be >= 3 (or 0 for min(n, 5000))");
            }
            return new Fitter(bins, lower, upper, subsample, assumeSorted, inPlace, ties, seed);
        }

        /**
         * A known lower bound a of the support, which must be finite and below every sample.
         * The cdf maps a to 0 and is NaN below it.
         *
         * @param a the lower bound; NaN removes it
         * @return a modified copy
         */
        public Fitter withLower(double a) {
            if (Double.isInfinite(a)) {
                throw Checks.error("a", a, "must be finite");
            }
            return new Fitter(bins, a, upper, subsample, assumeSorted, inPlace, ties, seed);
        }

        /**
         * A known upper bound b of the support, which must be finite and above every sample.
         *
         * @param b the upper bound; NaN removes it
         * @return a modified copy
         */
        public Fitter withUpper(double b) {
            if (Double.isInfinite(b)) {
                throw Checks.error("b", b, "must be finite");
            }
            return new Fitter(bins, lower, b, subsample, assumeSorted, inPlace, ties, seed);
        }

        /**
         * Keeps every k-th sample, starting with the first, before fitting (1 keeps all).
         * Checked at fit time: k ≤ n.
         *
         * @param k the step, ≥ 1
         * @return a modified copy
         */
        public Fitter withSubsample(int k) {
            if (k < 1) {
                throw Checks.error("subsample step", k, "must be >= 1");
            }
            return new Fitter(bins, lower, upper, k, assumeSorted, inPlace, ties, seed);
        }

        /**
         * Declares the input sorted ascending, so no selection is needed. The order is checked
         * (one pass) and an unsorted input is refused.
         *
         * @param sorted whether the input is sorted
         * @return a modified copy
         */
        public Fitter withAssumeSorted(boolean sorted) {
            return new Fitter(bins, lower, upper, subsample, sorted, inPlace, ties, seed);
        }

        /**
         * Allows the fit to reorder the caller's array instead of copying it.
         *
         * <p>Memory and order, both settings: large inputs (at least 2¹⁶ values and at most
         * n / 64 bins) are fitted by counting (parallel histograms of the values' bit patterns,
         * then an exact selection among the few values near each lattice rank), which neither
         * copies nor reorders the array and needs at most min(n / 4, 2²²) doubles (32 MiB) of
         * candidates, histograms of up to 1 MiB for each of 4 chunks per thread, and O(bins). When that does not
         * apply (smaller inputs, or too many candidates, which is rare), the default copies the
         * input once (n doubles) and selects in the copy, while in-place selects in the caller's
         * array, reordering it, with O(bins) extra memory. The lattice is the same either way:
         * exactly the order statistics of a full sort.
         *
         * @param inPlace whether the caller's array may be reordered
         * @return a modified copy
         */
        public Fitter withInPlace(boolean inPlace) {
            return new Fitter(bins, lower, upper, subsample, assumeSorted, inPlace, ties, seed);
        }

        /**
         * The tie policy.
         *
         * @param policy the policy
         * @return a modified copy
         */
        public Fitter withTies(TiePolicy policy) {
            return new Fitter(bins, lower, upper, subsample, assumeSorted, inPlace, Checks.notNull(policy, "ties"),
                seed);
        }

        /**
         * The seed of {@link TiePolicy#JITTER}; the same data and seed give the same lattice.
         *
         * @param seed the seed
         * @return a modified copy
         */
        public Fitter withSeed(long seed) {
            return new Fitter(bins, lower, upper, subsample, assumeSorted, inPlace, ties, seed);
        }

        /**
         * The configured bins (0 = automatic).
         *
         * @return bins
         */
        public int bins() {
            return bins;
        }

        /**
         * The configured lower bound, NaN if none.
         *
         * @return a
         */
        public double lower() {
            return lower;
        }

        /**
         * The configured upper bound, NaN if none.
         *
         * @return b
         */
        public double upper() {
            return upper;
        }

        /**
         * The configured subsampling step.
         *
         * @return k
         */
        public int subsample() {
            return subsample;
        }

        /**
         * The configured tie policy.
         *
         * @return the tie policy
         */
        public TiePolicy ties() {
            return ties;
        }

        /**
         * The configured seed.
         *
         * @return the seed
         */
        public long seed() {
            return seed;
        }

        /**
         * Fits a distribution to the samples.
         *
         * @param x samples; modified only with {@link #withInPlace(boolean) in-place} fitting
         * @return the learned distribution
         * @throws IllegalArgumentException if x is null, contains NaN or ±∞, has fewer than 3
         *     values (after subsampling), all values are equal, bins is outside [3, n], a bound
         *     is not outside the data, or ties are refused by the policy
         */
        public LearnedDistribution fit(double[] x) {
            Checks.notNull(x, "x");
            return fit(x, 0, x.length);
        }

        /**
         * Fits a distribution to {@code x[from, to)}.
         *
         * @param x samples
         * @param from first index, inclusive
         * @param to last index, exclusive
         * @return the learned distribution
         */
        public LearnedDistribution fit(double[] x, int from, int to) {
            Checks.notNull(x, "x");
            Checks.range(x.length, from, to - from);
            int n0 = to - from;
            if (n0 == 0) {
                throw new IllegalArgumentException("x is empty; at least 3 finite values are needed");
            }
            if (subsample > n0) {
                throw Checks.error("subsample step", subsample, "must be <= n (" + n0 + ")");
            }
            double[] work;
            int n;
            int off;
            if (subsample > 1) {
                n = (n0 + subsample - 1) / subsample;
                work = inPlace ? x : new double[n];
                int base = inPlace ? from : 0;
                for (int i = 0; i < n; i++) {
                    work[base + i] = x[from + i * subsample];
                }
                off = base;
            } else {
                n = n0;
                if (inPlace || assumeSorted) {
                    work = x;
                    off = from;
                } else {
                    work = null;
                    off = 0;
                }
            }
            double[] src = work == null ? x : work;
            int srcOff = work == null ? from : off;
            int b = bins == 0 ? defaultBins(n) : bins;
            if (!assumeSorted && n >= COUNTING_MIN && b >= 3 && b <= n / 64) {
                // counting selection: no copy, no reordering; null means NaN/±∞ or the fallback
                double[] atRanks = RankSelect.select(src, srcOff, n, latticeRanks(n, b));
                if (atRanks != null) {
                    return fromOrderStatistics(atRanks, n);
                }
            }
            validateSamples(src, srcOff, n);
            checkBins(b, n);
            long[] ranks = latticeRanks(n, b);
            double[] atRanks;
            if (assumeSorted) {
                checkSorted(src, srcOff, n);
                atRanks = new double[b];
                for (int i = 0; i < b; i++) {
                    atRanks[i] = src[srcOff + (int) ranks[i]];
                }
            } else {
                double[] sel = work != null ? work : Arrays.copyOfRange(x, from, to);
                int selOff = work != null ? off : 0;
                atRanks = Selection.select(sel, selOff, n, ranks);
            }
            return fromOrderStatistics(atRanks, n);
        }

        /**
         * Fits a distribution to {@code float} samples (evaluated in double precision; the
         * caller's array is never modified).
         *
         * @param x samples
         * @return the learned distribution
         */
        public LearnedDistribution fit(float[] x) {
            Checks.notNull(x, "x");
            double[] d = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                d[i] = x[i];
            }
            return withInPlace(true).fit(d);
        }

        /**
         * Builds the distribution from the order statistics at {@link #latticeRanks} of n samples,
         * applying these options' bounds and tie policy. This is how chunked, streaming and
         * distributed fits produce exactly the lattice of an in-memory fit.
         *
         * @param orderStatistics the sorted values at the lattice ranks; its length is the bins
         *     (copied)
         * @param n the number of samples
         * @return the learned distribution
         * @throws IllegalArgumentException as for {@link #fit(double[])}
         */
        public LearnedDistribution fromOrderStatistics(double[] orderStatistics, long n) {
            Checks.notNull(orderStatistics, "orderStatistics");
            int b = orderStatistics.length;
            checkBins(b, n);
            if (bins != 0 && bins != b) {
                throw Checks.error("orderStatistics.length", b, "must equal the configured bins " + bins);
            }
            double[] v = orderStatistics.clone();
            for (int i = 0; i < b; i++) {
                if (!Double.isFinite(v[i])) {
                    throw Checks.error("x", v[i], "must be finite");
                }
                if (i > 0 && v[i] < v[i - 1]) {
                    throw Checks.error("orderStatistics[" + i + "]", v[i], "must be >= the previous value");
                }
            }
            double min = v[0];
            double max = v[b - 1];
            if (min == max) {
                throw new IllegalArgumentException(
                    "x has all values equal (" + min + "); a distribution needs at least two distinct values");
            }
            boolean below = !Double.isNaN(lower);
            boolean above = !Double.isNaN(upper);
            if (below && !(lower < min)) {
                throw Checks.error("a", lower, "must be < min(x) (" + min + ")");
            }
            if (above && !(upper > max)) {
                throw Checks.error("b", upper, "must be > max(x) (" + max + ")");
            }
            resolveTies(v);
            int m = b + (below ? 1 : 0) + (above ? 1 : 0);
            double[] vals = new double[m];
            int k = 0;
            if (below) {
                vals[k++] = lower;
            }
            System.arraycopy(v, 0, vals, k, b);
            if (above) {
                vals[m - 1] = upper;
            }
            return new LearnedDistribution(lattice(b, below, above), vals, below, above, b, n, ties);
        }

        private void resolveTies(double[] v) {
            if (ties == TiePolicy.MIDPOINT) {
                return;
            }
            int repeated = 0;
            for (int i = 1; i < v.length; i++) {
                if (v[i] == v[i - 1]) {
                    repeated++;
                }
            }
            if (repeated == 0) {
                return;
            }
            if (ties == TiePolicy.ERROR) {
                for (int i = 1; i < v.length; i++) {
                    if (v[i] == v[i - 1]) {
                        int j = i;
                        while (j + 1 < v.length && v[j + 1] == v[i]) {
                            j++;
                        }
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "ties: the value %s holds %d lattice points and the tie policy ERROR refuses "
                                + "repeated values (use MIDPOINT or JITTER)", v[i], j - i + 2));
                    }
                }
            }
            Ties.jitter(v, seed);
        }

        private static void validateSamples(double[] x, int off, int n) {
            if (n < 3) {
                throw Checks.error("x length", n, "must be >= 3 (a lattice needs at least 3 points)");
            }
            for (int i = off, end = off + n; i < end; i++) {
                double v = x[i];
                if (!Double.isFinite(v)) {
                    throw Checks.error("x[" + (i - off) + "]", v, "must be finite (remove NaN and infinite values first)");
                }
            }
        }

        private static void checkSorted(double[] x, int off, int n) {
            for (int i = off + 1, end = off + n; i < end; i++) {
                if (x[i] < x[i - 1]) {
                    throw Checks.error("x[" + (i - off) + "]", x[i], "is below x[" + (i - off - 1)
                        + "] although the input was declared sorted");
                }
            }
        }
    }

    /** The reference's make_unique: seeded jitter of repeated sorted lattice values. */
    static final class Ties {
        private Ties() {
        }

        static void jitter(double[] v, long seed) {
            int n = v.length;
            double minGap = Double.POSITIVE_INFINITY;
            for (int i = 1; i < n; i++) {
                double d = v[i] - v[i - 1];
                if (d > 0 && d < minGap) {
                    minGap = d;
                }
            }
            if (minGap == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("ties: all lattice values are equal; nothing to jitter");
            }
            double maxDist = minGap / 2;
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
            double min = v[0];
            double max = v[n - 1];
            for (int i = 0; i < n - 1; i++) {
                if (v[i] != v[i + 1]) {
                    continue;
                }
                double u = rng.nextDouble();
                if (v[i] == min) {
                    v[i] += u * maxDist;
                } else if (v[i] == max) {
                    v[i] -= u * maxDist;
                } else {
                    v[i] += (2 * u - 1) * maxDist;
                }
            }
            Arrays.sort(v);
        }
    }
}
