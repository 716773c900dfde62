package io.redistributor.image;

import io.redistributor.LearnedDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Iterative distribution transfer (Pitié, Kokaram and Dahyot 2005, 2007). Each iteration takes a
 * rotation, projects the source and reference colours on its three axes, learns
 * each projection's distribution and moves every source colour by the three 1-D
 * redistributions: x ← x + Σⱼ aⱼ (Rⱼ(aⱼ·x) − aⱼ·x).
 *
 * <p>Rotations: seeded uniformly random ({@link Rotations#RANDOM}), or a fixed sequence from the
 * Halton points in bases 2, 3 and 5 ({@link Rotations#FIXED}).
 *
 * <p>Stopping rule: after at most {@code iterations} iterations, or before applying an iteration
 * whose mean 1-D Wasserstein distance between source and reference projections, divided by the
 * mean standard deviation of the reference projections, is below {@code tolerance}.
 *
 * <p>Scale: the maps are learned from at most {@value #SAMPLE} evenly strided source and
 * reference pixels. When the source has no more pixels than that, its pixels are moved directly;
 * otherwise the iterations move the nodes of a {@value #GRID}³ lattice over the source's colour
 * box, and every pixel then follows by trilinear interpolation of the lattice, one pass over the
 * image. Either way the result depends only on the inputs and the seed.
 */
final class JointTransfer {

    /** Most pixels used to learn each iteration's maps. */
    static final int SAMPLE = 1 << 18;
    /** Nodes per axis of the colour lattice used for large images. */
    static final int GRID = 33;
    /** Probabilities at which the stopping rule compares quantiles. */
    private static final int W_POINTS = 256;

    private JointTransfer() {
    }

    /** Moves the source points s (3 × n, in place) towards the distribution of r with seeded random rotations. */
    static int transfer(float[][] s, float[][] r, int iterations, double tolerance, long seed) {
        return transfer(s, r, iterations, tolerance, seed, Rotations.RANDOM);
    }

    /** Moves the source points s (3 × n, in place) towards the distribution of r; returns the iterations applied. */
    static int transfer(float[][] s, float[][] r, int iterations, double tolerance, long seed, Rotations rotations) {
        PerChannel.checkCount(s[0].length, "source");
        PerChannel.checkCount(r[0].length, "reference");
        if (s[0].length <= SAMPLE) {
            return iterate(s, r, null, iterations, tolerance, seed, rotations);
        }
        float[] lo = new float[3];
        float[] step = new float[3];
        for (int c = 0; c < 3; c++) {
            float[] mm = OrderStatistics.minMax(s[c]);
            bounds(mm[0], mm[1], c, lo, step);
        }
        float[][] grid = lattice(lo, step);
        int done = iterate(subsample(s, SAMPLE), r, grid, iterations, tolerance, seed, rotations);
        interpolate(s, grid, lo, step);
        return done;
    }

    /**
     * The same transfer in RGB for an image with more than {@value #SAMPLE} selected pixels,
     * read from and written to samples: the learning points are converted alone, the lattice's box
     * comes from the extreme sample levels, and every selected pixel is set to the interpolated
     * colour rounded to a sample. The result is the one of
     * {@link #transfer(float[][], float[][], int, double, long, Rotations)} on the forward RGB
     * planes followed by the inverse conversion, without those planes. The interpolation depends
     * on a pixel's colour alone, so when {@code byColour} takes a {@link Palette} (see
     * {@link PerChannel#palette}) it runs once per distinct colour, with the same output.
     *
     * @return the output planes; unselected pixels keep their samples
     */
    static short[][] transferSamples(Image src, boolean[] mask, float[][] r, int iterations, double tolerance, long seed,
                                     Rotations rotations, PerChannel.ByColour byColour) {
        int[] index = mask == null ? null : Colour.indices(mask);
        int n = index == null ? src.pixels() : index.length;
        PerChannel.checkCount(n, "source");
        PerChannel.checkCount(r[0].length, "reference");
        int every = (n + SAMPLE - 1) / SAMPLE;
        int[] pick = new int[(n + every - 1) / every];
        for (int i = 0; i < pick.length; i++) {
            pick[i] = index == null ? i * every : index[i * every];
        }
        float[][] learn = Colour.forwardAt(src, Space.RGB, pick);
        int max = src.maxValue();
        double inv = 1.0 / max;
        short[][] p = src.colourRef();
        float[] lo = new float[3];
        float[] step = new float[3];
        for (int c = 0; c < 3; c++) {
            long[] h = PerChannel.histogram(p[c], mask, max + 1);
            int first = 0;
            while (h[first] == 0) {
                first++;
            }
            int last = max;
            while (h[last] == 0) {
                last--;
            }
            // the forward conversion's values of the extreme levels, as minMax of the planes would give
            bounds((float) (first * inv), (float) (last * inv), c, lo, step);
        }
        float[][] grid = lattice(lo, step);
        iterate(learn, r, grid, iterations, tolerance, seed, rotations);
        Lattice lattice = new Lattice(grid, lo, step, max);
        Palette palette = PerChannel.palette(src, mask, byColour);
        if (palette != null) {
            short[][] mapped = new short[3][palette.size()];
            lattice.map(palette.planes(), null, palette.size(), mapped);
            return palette.apply(src, mask, mapped);
        }
        short[][] out = ColorTransfer.copy(p);
        lattice.map(p, index, n, out);
        return out;
    }

    private static int iterate(float[][] learn, float[][] r, float[][] grid, int iterations, double tolerance, long seed,
                               Rotations rotations) {
        float[][] ref = subsample(r, SAMPLE);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        float[] ps = new float[learn[0].length];
        float[] pr = new float[ref[0].length];
        double[][] dLearn = new double[3][learn[0].length];
        double[][] dGrid = grid == null ? null : new double[3][grid[0].length];
        int done = 0;
        for (int it = 0; it < iterations; it++) {
            double[] axes = rotations == Rotations.FIXED
                ? rotation(halton(it + 1, 2), halton(it + 1, 3), halton(it + 1, 5))
                : rotation(rng.nextDouble(), rng.nextDouble(), rng.nextDouble());
            Axis[] maps = new Axis[3];
            double w = 0;
            double sd = 0;
            for (int j = 0; j < 3; j++) {
                project(learn, axes, j, ps);
                project(ref, axes, j, pr);
                maps[j] = Axis.of(ps, pr);
                w += maps[j].distance;
                sd += LinearTransfer.meanSd(pr)[1];
            }
            if (sd > 0 && w / sd < tolerance) {
                break;
            }
            move(learn, axes, maps, dLearn);
            if (grid != null) {
                move(grid, axes, maps, dGrid);
            }
            done++;
        }
        return done;
    }

    /** One axis's 1-D map from the source projection to the reference projection. */
    private static final class Axis {
        final FastTransform map;
        final double constant;
        final double distance;

        private Axis(FastTransform map, double constant, double distance) {
            this.map = map;
            this.constant = constant;
            this.distance = distance;
        }

        static Axis of(float[] ps, float[] pr) {
            float[] ms = OrderStatistics.minMax(ps);
            float[] mr = OrderStatistics.minMax(pr);
            if (mr[0] == mr[1]) {
                return new Axis(null, mr[0], Math.abs(mr[0] - LinearTransfer.meanSd(ps)[0]));
            }
            LearnedDistribution t = OrderStatistics.fit(pr, mr);
            if (ms[0] == ms[1]) {
                return new Axis(null, t.quantile(0.5), Math.abs(t.quantile(0.5) - ms[0]));
            }
            LearnedDistribution src = OrderStatistics.fit(ps, ms);
            double w = 0;
            for (int k = 0; k < W_POINTS; k++) {
                double p = (k + 0.5) / W_POINTS;
                w += Math.abs(src.quantile(p) - t.quantile(p));
            }
            return new Axis(new FastTransform(src, t), Double.NaN, w / W_POINTS);
        }

        double apply(double x) {
            return map == null ? constant : map.apply(x);
        }
    }

    private static void project(float[][] p, double[] axes, int j, float[] out) {
        double a = axes[3 * j];
        double b = axes[3 * j + 1];
        double c = axes[3 * j + 2];
        Parallel.forRange(out.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = (float) (a * p[0][i] + b * p[1][i] + c * p[2][i]);
            }
        });
    }

    /**
     * Moves the points by the three axes' maps. Each axis's displacements are computed in a pass
     * of their own, so that a pass reads one map's tables only (they then stay in cache), and
     * the points are moved after the three passes, summing the same terms in the same order as
     * one pass per point would.
     */
    private static void move(float[][] p, double[] axes, Axis[] maps, double[][] d) {
        float[] p0 = p[0];
        float[] p1 = p[1];
        float[] p2 = p[2];
        int n = p0.length;
        for (int j = 0; j < 3; j++) {
            double a = axes[3 * j];
            double b = axes[3 * j + 1];
            double c = axes[3 * j + 2];
            Axis map = maps[j];
            double[] dj = d[j];
            Parallel.forRange(n, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double proj = a * p0[i] + b * p1[i] + c * p2[i];
                    dj[i] = map.apply(proj) - proj;
                }
            });
        }
        double[] d0 = d[0];
        double[] d1 = d[1];
        double[] d2 = d[2];
        Parallel.forRange(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                // from 0 as before, so that a sum of -0.0 terms is 0.0 as it was
                double dx = 0;
                double dy = 0;
                double dz = 0;
                dx += axes[0] * d0[i];
                dy += axes[1] * d0[i];
                dz += axes[2] * d0[i];
                dx += axes[3] * d1[i];
                dy += axes[4] * d1[i];
                dz += axes[5] * d1[i];
                dx += axes[6] * d2[i];
                dy += axes[7] * d2[i];
                dz += axes[8] * d2[i];
                p0[i] = (float) (p0[i] + dx);
                p1[i] = (float) (p1[i] + dy);
                p2[i] = (float) (p2[i] + dz);
            }
        });
    }

    /** The k-th point (k ≥ 1) of the van der Corput sequence in the given base. */
    static double halton(int k, int base) {
        double f = 1;
        double r = 0;
        for (int i = k; i > 0; i /= base) {
            f /= base;
            r += f * (i % base);
        }
        return r;
    }

    /**
     * The rotation of Shoemake's unit quaternion for three numbers in [0, 1) (uniform numbers give
     * a uniformly random rotation); rows are the axes.
     */
    static double[] rotation(double v1, double v2, double v3) {
        double u1 = v1;
        double u2 = 2 * Math.PI * v2;
        double u3 = 2 * Math.PI * v3;
        double a = Math.sqrt(1 - u1);
        double b = Math.sqrt(u1);
        double x = a * Math.sin(u2);
        double y = a * Math.cos(u2);
        double z = b * Math.sin(u3);
        double w = b * Math.cos(u3);
        return new double[] {
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)};
    }

    /** Every k-th point so that at most {@code limit} remain (the array itself when it is small enough). */
    static float[][] subsample(float[][] p, int limit) {
        int n = p[0].length;
        if (n <= limit) {
            return p;
        }
        int k = (n + limit - 1) / limit;
        int m = (n + k - 1) / k;
        float[][] out = new float[p.length][m];
        for (int c = 0; c < p.length; c++) {
            for (int i = 0; i < m; i++) {
                out[c][i] = p[c][i * k];
            }
        }
        return out;
    }

    /** Lower corner and node spacing of channel c of the lattice over [min, max]. */
    private static void bounds(float min, float max, int c, float[] lo, float[] step) {
        lo[c] = min;
        step[c] = max > min ? (max - min) / (GRID - 1) : 1;
    }

    private static float[][] lattice(float[] lo, float[] step) {
        int nodes = GRID * GRID * GRID;
        float[][] g = new float[3][nodes];
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                for (int k = 0; k < GRID; k++) {
                    int n = (i * GRID + j) * GRID + k;
                    g[0][n] = lo[0] + i * step[0];
                    g[1][n] = lo[1] + j * step[1];
                    g[2][n] = lo[2] + k * step[2];
                }
            }
        }
        return g;
    }

    /** Replaces each point by the trilinear interpolation of the moved lattice. */
    private static void interpolate(float[][] s, float[][] g, float[] lo, float[] step) {
        Lattice l = new Lattice(g, lo, step, 0);
        float[] s0 = s[0];
        float[] s1 = s[1];
        float[] s2 = s[2];
        Parallel.forRange(s0.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                double t0 = Lattice.cell(s0[i], lo[0], step[0]);
                double t1 = Lattice.cell(s1[i], lo[1], step[1]);
                double t2 = Lattice.cell(s2[i], lo[2], step[2]);
                int a = l.corner(t0, t1, t2);
                double f0 = t0 - Lattice.node(t0);
                double f1 = t1 - Lattice.node(t1);
                double f2 = t2 - Lattice.node(t2);
                s0[i] = l.at(a, 0, f0, f1, f2);
                s1[i] = l.at(a, 1, f0, f1, f2);
                s2[i] = l.at(a, 2, f0, f1, f2);
            }
        });
    }
}
