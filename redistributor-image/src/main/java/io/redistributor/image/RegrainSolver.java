package io.redistributor.image;

import java.util.Arrays;

/**
 * The damped Jacobi sweeps of one regrain level, run as a wavefront over row bands so that all
 * sweeps of the level take one pass over memory.
 *
 * <p>Each band of output rows is computed on its own. At every step the band takes the next row
 * of the source, the gradient weights ψ, φ of that row, the neighbour weights, inverse diagonal
 * and constant term of the row above, sweep 1 of the row above that, sweep 2 of the next row up
 * and so on; each sweep keeps its last three rows in a small ring. Sweep t of a row needs sweep
 * t − 1 of the rows next to it, so a band recomputes T − t rows of sweep t beyond each of its
 * edges (T sweeps in all); these halo rows get the same arithmetic as in the neighbouring band,
 * so every value equals that of plain Jacobi sweeps over whole images, whatever the band height
 * and the number of threads.
 *
 * <p>The arithmetic of every pixel is that of the reference form: float inside the image, double
 * on its border where neighbours are clamped. The loops inside rows read every array at the same
 * index (a row's left and right neighbours come from shifted copies) and are split so that their
 * bodies stay small: that is what lets the JIT vectorise them.
 *
 * <p>The first iterate, the coarser level's solution upsampled, is made row by row as the sweeps
 * need it. The solution overwrites the transfer result's planes: rows within T of a band edge,
 * which the neighbouring bands still read, are held back and written after all bands have
 * finished.
 */
final class RegrainSolver {

    private static final double RHO = 0.2;
    private static final float RHO_F = 0.2f;
    private static final float KEEP = 0.8f;

    private final float[][] i0;
    private final float[][] i1;
    private final float[][] coarse;
    private final int w2;
    private final int h2;
    // bilinear upsampling of the coarse solution: the two coarse columns of each column and the
    // weight of the second
    private final int[] xa;
    private final int[] xb;
    private final float[] tx;
    private final int w;
    private final int h;
    private final int chans;
    private final int sweeps;
    private final double scale;
    private final double smooth;

    private RegrainSolver(float[][] i0, float[][] i1, float[][] coarse, int w2, int h2, int w, int h, int sweeps,
                          double scale, double smooth) {
        this.i0 = i0;
        this.i1 = i1;
        this.coarse = coarse;
        this.w2 = w2;
        this.h2 = h2;
        xa = new int[coarse == null ? 0 : w];
        xb = new int[xa.length];
        tx = new float[xa.length];
        double sx = (double) w2 / w;
        for (int x = 0; x < xa.length; x++) {
            double fx = Math.min(w2 - 1, Math.max(0, (x + 0.5) * sx - 0.5));
            xa[x] = Math.min((int) fx, w2 - 1);
            xb[x] = Math.min(xa[x] + 1, w2 - 1);
            tx[x] = (float) (fx - xa[x]);
        }
        this.w = w;
        this.h = h;
        this.chans = i0.length;
        this.sweeps = sweeps;
        this.scale = scale;
        this.smooth = smooth;
    }

    /**
     * Runs {@code sweeps} (at least 1) sweeps and leaves the solution in the planes of {@code i1}.
     * The first iterate is the coarser level's solution upsampled bilinearly (pixel centres
     * aligned), or {@code i1} itself when there is no coarser level.
     *
     * @param i0 the source planes, w × h
     * @param i1 the transfer result, w × h; overwritten by the solution
     * @param coarse the coarser level's solution, w2 × h2, or null
     * @param scale the level's factor of φ, 2^-level
     * @param smooth the smoothness s of φ, positive
     * @param bandRows output rows per band; any positive value gives the same result
     */
    static void solve(float[][] i0, float[][] i1, float[][] coarse, int w2, int h2, int w, int h, int sweeps,
                      double scale, double smooth, int bandRows) {
        RegrainSolver s = new RegrainSolver(i0, i1, coarse, w2, h2, w, h, sweeps, scale, smooth);
        int bands = (h + bandRows - 1) / bandRows;
        Runnable[] flush = new Runnable[bands];
        Parallel.forEach(bands, (long) w * h >= Parallel.THRESHOLD, b -> {
            Band band = s.new Band(b * bandRows, Math.min(h, (b + 1) * bandRows), b > 0, b < bands - 1);
            flush[b] = band.run();
        });
        for (Runnable f : flush) {
            f.run();
        }
    }

    /** Copies the held-back rows [y0, low) and [high, y1), stored one after the other, into the planes. */
    private static void write(float[][] planes, int w, float[][] rows, int y0, int low, int high, int y1) {
        for (int c = 0; c < planes.length; c++) {
            System.arraycopy(rows[c], 0, planes[c], y0 * w, (low - y0) * w);
            System.arraycopy(rows[c], (low - y0) * w, planes[c], high * w, (y1 - high) * w);
        }
    }

    /** One band of output rows [y0, y1) and the scratch rows of its wavefront. */
    private final class Band {
        private final int y0;
        private final int y1;
        private final int lowHeld;
        private final int highHeld;
        private final float[][] held;
        // rows of the source, [channel][row mod 4]
        private final float[][][] src;
        // ψ and φ, [row mod 3]
        private final float[][] psi = new float[3][];
        private final float[][] phi = new float[3][];
        // [row mod (T + 2)]: weights towards the east, west and south neighbours (φ itself where
        // the neighbour is clamped; south of row -1 is north of row 0), inverse diagonal, and the
        // constant term per channel
        private final float[][] east;
        private final float[][] west;
        private final float[][] south;
        private final float[][] inv;
        private final float[][][] constant;
        // sweeps 0 (the first iterate) .. T - 1: [sweep][channel][row mod 3]
        private final float[][][][] ring;
        private final float[] left;
        private final float[] right;
        private final float[] tmp;
        private final float[] out;
        private final float[] down;
        private final float[] up;
        private final float[] data;
        private final double[] g2;
        private final double[] dbl;
        // horizontally interpolated coarse rows, [channel][coarse row mod 2], and their rows
        private final double[][][] across;
        private final int[][] acrossRow;

        Band(int y0, int y1, boolean below, boolean above) {
            this.y0 = y0;
            this.y1 = y1;
            int t = sweeps;
            lowHeld = below ? Math.min(y1, y0 + t) : y0;
            highHeld = above ? Math.max(lowHeld, y1 - t) : y1;
            held = new float[chans][(lowHeld - y0 + y1 - highHeld) * w];
            src = new float[chans][4][w];
            for (int k = 0; k < 3; k++) {
                psi[k] = new float[w];
                phi[k] = new float[w];
            }
            int slots = t + 2;
            east = new float[slots][w];
            west = new float[slots][w];
            south = new float[slots][w];
            inv = new float[slots][w];
            constant = new float[chans][slots][w];
            ring = new float[t][chans][3][w];
            left = new float[w];
            right = new float[w];
            tmp = new float[w];
            out = new float[w];
            down = new float[w];
            up = new float[w];
            data = new float[w];
            g2 = new double[w];
            dbl = new double[w];
            across = new double[coarse == null ? 0 : chans][2][w];
            acrossRow = new int[across.length][2];
            for (int[] a : acrossRow) {
                Arrays.fill(a, -1);
            }
        }

        /** Runs the band; returns what writes its held-back rows once all bands have run. */
        Runnable run() {
            int t = sweeps;
            int sLo = Math.max(0, y0 - t + 1);
            int sHi = Math.min(h, y1 + t - 1);
            int pLo = Math.max(0, sLo - 1);
            int pHi = Math.min(h, sHi + 1);
            for (int r = Math.max(0, pLo - 1); r < pLo; r++) {
                load(r);
            }
            // step at: source row at + 1, ψ and φ of row at, set-up of row at - 1, first iterate
            // of row at - 1, sweep k of row at - 1 - k
            for (int at = pLo; at <= y1 + t; at++) {
                if (at < pHi) {
                    if (at == pLo) {
                        load(at);
                    }
                    if (at + 1 < h) {
                        load(at + 1);
                    }
                    weights(at);
                }
                int s = at - 1;
                if (s >= sLo && s < sHi) {
                    if (s == sLo) {
                        southRow(s - 1);
                    }
                    southRow(s);
                    setup(s);
                }
                if (s >= Math.max(0, y0 - t) && s < Math.min(h, y1 + t)) {
                    first(s);
                }
                for (int k = 1; k <= t; k++) {
                    int r = at - 1 - k;
                    if (r >= Math.max(0, y0 - (t - k)) && r < Math.min(h, y1 + (t - k))) {
                        sweep(k, r);
                    }
                }
            }
            // locals only, so that the scratch rows of the band are not kept
            float[][] planes = i1;
            float[][] rows = held;
            int width = w;
            int a = y0;
            int low = lowHeld;
            int high = highHeld;
            int b = y1;
            return () -> write(planes, width, rows, a, low, high, b);
        }

        /** Row y of the first iterate into sweep 0's ring. */
        private void first(int y) {
            if (coarse == null) {
                for (int c = 0; c < chans; c++) {
                    System.arraycopy(i1[c], y * w, ring[0][c][y % 3], 0, w);
                }
                return;
            }
            double fy = Math.min(h2 - 1, Math.max(0, (y + 0.5) * ((double) h2 / h) - 0.5));
            int ya = Math.min((int) fy, h2 - 1);
            int yb = Math.min(ya + 1, h2 - 1);
            double ty = fy - ya;
            double[] v = dbl;
            for (int c = 0; c < chans; c++) {
                double[] top = across(c, ya);
                double[] bot = across(c, yb);
                float[] dst = ring[0][c][y % 3];
                for (int x = 0; x < w; x++) {
                    v[x] = top[x] + ty * (bot[x] - top[x]);
                }
                for (int x = 0; x < w; x++) {
                    dst[x] = (float) v[x];
                }
            }
        }

        /**
         * Coarse row j of channel c interpolated across to the full width (in float, then widened;
         * kept for the next rows).
         */
        private double[] across(int c, int j) {
            double[] a = across[c][j & 1];
            if (acrossRow[c][j & 1] != j) {
                float[] q = coarse[c];
                float[] f = tmp;
                int o = j * w2;
                for (int x = 0; x < w; x++) {
                    f[x] = q[o + xa[x]] + tx[x] * (q[o + xb[x]] - q[o + xa[x]]);
                }
                for (int x = 0; x < w; x++) {
                    a[x] = f[x];
                }
                acrossRow[c][j & 1] = j;
            }
            return a;
        }

        private void load(int r) {
            for (int c = 0; c < chans; c++) {
                System.arraycopy(i0[c], r * w, src[c][r & 3], 0, w);
            }
        }

        /** Copies of {@code row} shifted by one pixel: left[x] = row[x - 1], right[x] = row[x + 1], clamped. */
        private void shift(float[] row) {
            left[0] = row[0];
            System.arraycopy(row, 0, left, 1, w - 1);
            right[w - 1] = row[w - 1];
            System.arraycopy(row, 1, right, 0, w - 1);
        }

        /**
         * ψ and φ of row p from the source's central differences (clamped at the border). The
         * float differences, the double sums of squares and the square roots and quotients are
         * separate loops: conversions between float and double are not vectorised, the rest is.
         */
        private void weights(int p) {
            double[] g = g2;
            double[] v = dbl;
            float[] l = left;
            float[] rt = right;
            Arrays.fill(g, 0);
            for (int c = 0; c < chans; c++) {
                float[] q = src[c][p & 3];
                float[] qu = src[c][Math.max(0, p - 1) & 3];
                float[] qd = src[c][Math.min(h - 1, p + 1) & 3];
                shift(q);
                for (int x = 0; x < w; x++) {
                    l[x] = (rt[x] - l[x]) / 2;
                }
                for (int x = 0; x < w; x++) {
                    rt[x] = (qd[x] - qu[x]) / 2;
                }
                for (int x = 0; x < w; x++) {
                    double gx = l[x];
                    double gy = rt[x];
                    g[x] += gx * gx + gy * gy;
                }
            }
            for (int x = 0; x < w; x++) {
                g[x] = Math.sqrt(g[x]);
            }
            float[] ps = psi[p % 3];
            float[] ph = phi[p % 3];
            for (int x = 0; x < w; x++) {
                v[x] = Math.min(1, 256 * g[x] / 5);
            }
            for (int x = 0; x < w; x++) {
                ps[x] = (float) v[x];
            }
            for (int x = 0; x < w; x++) {
                v[x] = 30 / (1 + 10 * g[x] / smooth) * scale;
            }
            for (int x = 0; x < w; x++) {
                ph[x] = (float) v[x];
            }
        }

        /** South weights (φ + φ(south)) / 2 of row r; φ itself where the neighbour is clamped. */
        private void southRow(int r) {
            float[] dst = south[slot(r)];
            if (r < 0 || r == h - 1) {
                System.arraycopy(phi[Math.max(0, r) % 3], 0, dst, 0, w);
                return;
            }
            float[] a = phi[r % 3];
            float[] b = phi[(r + 1) % 3];
            for (int x = 0; x < w; x++) {
                dst[x] = 0.5f * (b[x] + a[x]);
            }
        }

        /** East and west weights, inverse diagonal and constant term of row s. */
        private void setup(int s) {
            int sl = slot(s);
            float[] ps = psi[s % 3];
            float[] ph = phi[s % 3];
            float[] e = east[sl];
            float[] wst = west[sl];
            float[] so = south[sl];
            float[] no = south[slot(s - 1)];
            float[] iv = inv[sl];
            float[] l = left;
            float[] rt = right;
            float[] tm = tmp;
            shift(ph);
            for (int x = 0; x < w; x++) {
                e[x] = 0.5f * (rt[x] + ph[x]);
            }
            wst[0] = ph[0];
            System.arraycopy(e, 0, wst, 1, w - 1);
            boolean inner = s > 0 && s < h - 1;
            if (inner) {
                float[] pu = phi[(s - 1) % 3];
                float[] pd = phi[(s + 1) % 3];
                for (int x = 1; x < w - 1; x++) {
                    tm[x] = rt[x] + l[x] + pd[x] + pu[x];
                }
                for (int x = 1; x < w - 1; x++) {
                    iv[x] = 1 / (ps[x] + 2 * ph[x] + 0.5f * tm[x]);
                }
            }
            for (int x = 0; x < w; x = inner && x == 0 ? Math.max(1, w - 1) : x + 1) {
                iv[x] = (float) (1 / (ps[x] + (0 + (double) e[x] + wst[x] + so[x] + no[x])));
            }
            // the source differences towards the four neighbours: east and west in place of
            // the shifted copies, south and north in two more rows
            float[] dd = down;
            float[] du = up;
            float[] d = data;
            for (int c = 0; c < chans; c++) {
                float[] g = src[c][s & 3];
                float[] gu = src[c][Math.max(0, s - 1) & 3];
                float[] gd = src[c][Math.min(h - 1, s + 1) & 3];
                float[] k = constant[c][sl];
                System.arraycopy(i1[c], s * w, d, 0, w);
                shift(g);
                for (int x = 0; x < w; x++) {
                    rt[x] = g[x] - rt[x];
                }
                for (int x = 0; x < w; x++) {
                    l[x] = g[x] - l[x];
                }
                for (int x = 0; x < w; x++) {
                    dd[x] = g[x] - gd[x];
                }
                for (int x = 0; x < w; x++) {
                    du[x] = g[x] - gu[x];
                }
                if (inner) {
                    for (int x = 1; x < w - 1; x++) {
                        tm[x] = e[x] * rt[x] + wst[x] * l[x] + so[x] * dd[x];
                    }
                    for (int x = 1; x < w - 1; x++) {
                        k[x] = ps[x] * d[x] + (tm[x] + no[x] * du[x]);
                    }
                }
                for (int x = 0; x < w; x = inner && x == 0 ? Math.max(1, w - 1) : x + 1) {
                    double v = ps[x] * d[x];
                    v += e[x] * (double) rt[x];
                    v += wst[x] * (double) l[x];
                    v += so[x] * (double) dd[x];
                    v += no[x] * (double) du[x];
                    k[x] = (float) v;
                }
            }
        }

        /** Sweep k of row r from sweep k - 1 of rows r - 1 .. r + 1 (clamped). */
        private void sweep(int k, int r) {
            int sl = slot(r);
            float[] e = east[sl];
            float[] wst = west[sl];
            float[] so = south[sl];
            float[] no = south[slot(r - 1)];
            float[] iv = inv[sl];
            float[] l = left;
            float[] rt = right;
            float[] tm = tmp;
            boolean inner = r > 0 && r < h - 1;
            for (int c = 0; c < chans; c++) {
                float[][] prev = ring[k - 1][c];
                float[] ju = prev[Math.max(0, r - 1) % 3];
                float[] jm = prev[r % 3];
                float[] jd = prev[Math.min(h - 1, r + 1) % 3];
                float[] dst = k < sweeps ? ring[k][c][r % 3] : out;
                float[] kc = constant[c][sl];
                shift(jm);
                if (inner) {
                    for (int x = 1; x < w - 1; x++) {
                        tm[x] = e[x] * rt[x] + wst[x] * l[x] + so[x] * jd[x];
                    }
                    for (int x = 1; x < w - 1; x++) {
                        float num = kc[x] + (tm[x] + no[x] * ju[x]);
                        dst[x] = KEEP * num * iv[x] + RHO_F * jm[x];
                    }
                }
                for (int x = 0; x < w; x = inner && x == 0 ? Math.max(1, w - 1) : x + 1) {
                    double num = kc[x] + (double) e[x] * rt[x] + (double) wst[x] * l[x] + (double) so[x] * jd[x]
                        + (double) no[x] * ju[x];
                    dst[x] = (float) ((1 - RHO) * num * iv[x] + RHO * jm[x]);
                }
                if (k == sweeps) {
                    if (r < lowHeld) {
                        System.arraycopy(out, 0, held[c], (r - y0) * w, w);
                    } else if (r >= highHeld) {
                        System.arraycopy(out, 0, held[c], (lowHeld - y0 + r - highHeld) * w, w);
                    } else {
                        System.arraycopy(out, 0, i1[c], r * w, w);
                    }
                }
            }
        }

        private int slot(int r) {
            return Math.floorMod(r, sweeps + 2);
        }
    }
}
