package io.redistributor.image;

/**
 * The moved colour lattice of the joint transfer (a regular {@value JointTransfer#GRID}³ grid over
 * a box, each node carrying the colour it was moved to) and trilinear interpolation in it. The
 * nodes are laid out one after another with their three coordinates side by side, so that the
 * eight corners of a cell cost four cache lines. Immutable.
 */
final class Lattice {

    private static final int GRID = JointTransfer.GRID;
    private static final int DY = 3 * GRID;
    private static final int DX = 3 * GRID * GRID;

    private final float[] v;
    private final float[] lo;
    private final float[] step;
    private final int maxValue;

    /**
     * @param g moved node coordinates per channel, node (i, j, k) at (i · GRID + j) · GRID + k
     * @param lo the box's lower corner
     * @param step the node spacing per axis
     * @param maxValue the largest sample of the images mapped by {@link #map} (0 if unused)
     */
    Lattice(float[][] g, float[] lo, float[] step, int maxValue) {
        int nodes = g[0].length;
        this.v = new float[3 * nodes];
        for (int n = 0; n < nodes; n++) {
            v[3 * n] = g[0][n];
            v[3 * n + 1] = g[1][n];
            v[3 * n + 2] = g[2][n];
        }
        this.lo = lo.clone();
        this.step = step.clone();
        this.maxValue = maxValue;
    }

    /** Position on a lattice axis, clamped to [0, GRID - 1]. */
    static double cell(float x, float lo, float step) {
        double t = (x - lo) / step;
        return t < 0 ? 0 : Math.min(t, GRID - 1);
    }

    /** The lower node of the cell holding position t. */
    static int node(double t) {
        return Math.min((int) t, GRID - 2);
    }

    /** Offset in {@link #v} of the lower corner of the cell at positions (t0, t1, t2). */
    int corner(double t0, double t1, double t2) {
        return 3 * ((node(t0) * GRID + node(t1)) * GRID + node(t2));
    }

    /** Channel c at fractions (f0, f1, f2) of the cell whose lower corner is at offset a. */
    float at(int a, int c, double f0, double f1, double f2) {
        int b = a + DX;
        double c00 = v[a + c] + f2 * (v[a + 3 + c] - v[a + c]);
        double c01 = v[a + DY + c] + f2 * (v[a + DY + 3 + c] - v[a + DY + c]);
        double c10 = v[b + c] + f2 * (v[b + 3 + c] - v[b + c]);
        double c11 = v[b + DY + c] + f2 * (v[b + DY + 3 + c] - v[b + DY + c]);
        double c0 = c00 + f1 * (c01 - c00);
        double c1 = c10 + f1 * (c11 - c10);
        return (float) (c0 + f0 * (c1 - c0));
    }

    /**
     * Maps RGB samples: for the k-th of n pixels (position index[k], or k when index is null),
     * the sample levels scaled to [0, 1] as the forward RGB conversion stores them, interpolated,
     * and rounded back to samples in {@code out}. The lattice position of every level is
     * computed once per channel.
     */
    void map(short[][] p, int[] index, int n, short[][] out) {
        double inv = 1.0 / maxValue;
        double[][] pos = new double[3][maxValue + 1];
        for (int c = 0; c < 3; c++) {
            for (int level = 0; level <= maxValue; level++) {
                pos[c][level] = cell((float) (level * inv), lo[c], step[c]);
            }
        }
        Parallel.forRange(n, (from, to) -> {
            for (int k = from; k < to; k++) {
                int i = index == null ? k : index[k];
                double t0 = pos[0][p[0][i] & 0xFFFF];
                double t1 = pos[1][p[1][i] & 0xFFFF];
                double t2 = pos[2][p[2][i] & 0xFFFF];
                int a = corner(t0, t1, t2);
                double f0 = t0 - node(t0);
                double f1 = t1 - node(t1);
                double f2 = t2 - node(t2);
                out[0][i] = Colour.quantize(at(a, 0, f0, f1, f2), maxValue);
                out[1][i] = Colour.quantize(at(a, 1, f0, f1, f2), maxValue);
                out[2][i] = Colour.quantize(at(a, 2, f0, f1, f2), maxValue);
            }
        });
    }
}
