package io.redistributor.image;

/**
 * The regrain post-process of Pitié, Kokaram and Dahyot 2007: finds an image J whose colours stay
 * close to the transfer result I₁ while its gradients follow the source I₀, by minimising
 * Σ ψ |J − I₁|² + Σ φ |∇J − ∇I₀|² with weights taken from the source's gradient magnitude
 * |∇I₀|: ψ = min(1, 256 |∇I₀| / 5) keeps colours at edges, φ = 30 / (1 + 10 |∇I₀| / s) · 2^-level
 * enforces the source's flatness elsewhere. The minimiser is approached coarse to fine on a
 * pyramid of halved images (while both sides exceed 20 pixels) with damped Jacobi sweeps
 * (damping 1/5), 4, 16, 32, 64, 64, 64 sweeps from the finest level down. Values are on the
 * [0, 1] scale. Every sweep reads one buffer and writes the other, so the result is the same for
 * any thread count.
 */
final class Regrain {

    private static final int[] SWEEPS = {4, 16, 32, 64, 64, 64};
    private static final double RHO = 0.2;
    private static final float RHO_F = 0.2f;
    private static final float KEEP = 0.8f;

    private Regrain() {
    }

    /**
     * Regrains {@code result} (planes on the [0, 1] scale) against {@code source}; returns the
     * regrained planes. The planes of {@code result} may be overwritten: the transfer result is
     * the first iterate where no coarser level gives one, and the sweeps reuse its arrays.
     */
    static float[][] apply(float[][] source, float[][] result, int width, int height, double smoothness) {
        return level(source, result, width, height, 0, smoothness);
    }

    /** The solution on one level: from the coarser level's solution upsampled, or from i1 itself. */
    private static float[][] level(float[][] i0, float[][] i1, int w, int h, int lvl, double smooth) {
        int w2 = w / 2;
        int h2 = h / 2;
        float[][] start = i1;
        if (lvl + 1 < SWEEPS.length && w2 > 20 && h2 > 20) {
            float[][] coarse = level(half(i0, w, h), half(i1, w, h), w2, h2, lvl + 1, smooth);
            start = upsample(coarse, w2, h2, w, h);
        }
        return solve(start, i0, i1, w, h, SWEEPS[lvl], lvl, smooth);
    }

    private static float[][] solve(float[][] start, float[][] i0, float[][] i1, int w, int h, int sweeps, int lvl,
                                   double smooth) {
        int n = w * h;
        int chans = i0.length;
        float[] psi = new float[n];
        float[] phi = new float[n];
        double scale = Math.pow(2, -lvl);
        double s = Math.max(smooth, 1e-12);
        Parallel.forRows(h, w, (y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                int up = Math.max(0, y - 1) * w;
                int down = Math.min(h - 1, y + 1) * w;
                for (int x = 0; x < w; x++) {
                    int left = Math.max(0, x - 1);
                    int right = Math.min(w - 1, x + 1);
                    double g2 = 0;
                    for (int c = 0; c < chans; c++) {
                        float[] p = i0[c];
                        double gx = (p[y * w + right] - p[y * w + left]) / 2;
                        double gy = (p[down + x] - p[up + x]) / 2;
                        g2 += gx * gx + gy * gy;
                    }
                    double d = Math.sqrt(g2);
                    psi[y * w + x] = (float) Math.min(1, 256 * d / 5);
                    phi[y * w + x] = (float) (30 / (1 + 10 * d / s) * scale);
                }
            }
        });
        // the data term and the source-gradient term do not change between sweeps: fold them into
        // one constant per channel, c = ψ I₁ + Σₖ wₖ (I₀ - I₀(nₖ)), and keep 1 / (ψ + Σₖ wₖ)
        float[][] constant = new float[chans][n];
        float[] inverse = new float[n];
        // half the weights between neighbours, (φ + φ(n)) / 2, once per level: east of i in wE[i],
        // south of i in wS[i]; halving is exact, so the sums below equal 0.5 × (Σ (φ + φ(n)) ...)
        float[] wE = new float[n];
        float[] wS = new float[n];
        Parallel.forRows(h, w, (y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                int row = y * w;
                for (int i = row, end = row + w - 1; i < end; i++) {
                    wE[i] = 0.5f * (phi[i + 1] + phi[i]);
                }
                if (y < h - 1) {
                    for (int i = row, end = row + w; i < end; i++) {
                        wS[i] = 0.5f * (phi[i + w] + phi[i]);
                    }
                }
            }
        });
        Parallel.forRows(h, w, (y0, y1) -> {
            int[] nb = new int[4];
            double[] wt = new double[4];
            for (int y = y0; y < y1; y++) {
                int row = y * w;
                boolean inner = y > 0 && y < h - 1;
                if (inner) {
                    // interior: Σₖ wₖ = 2 φ + (φ(right) + φ(left) + φ(down) + φ(up)) / 2
                    for (int i = row + 1, end = row + w - 1; i < end; i++) {
                        float pc = phi[i];
                        inverse[i] = 1 / (psi[i] + 2 * pc + 0.5f * (phi[i + 1] + phi[i - 1] + phi[i + w] + phi[i - w]));
                    }
                    for (int c = 0; c < chans; c++) {
                        float[] g = i0[c];
                        float[] d = i1[c];
                        float[] k = constant[c];
                        for (int i = row + 1, end = row + w - 1; i < end; i++) {
                            float gi = g[i];
                            k[i] = psi[i] * d[i] + (wE[i] * (gi - g[i + 1]) + wE[i - 1] * (gi - g[i - 1])
                                + wS[i] * (gi - g[i + w]) + wS[i - w] * (gi - g[i - w]));
                        }
                    }
                }
                for (int x = 0; x < w; x = inner && x == 0 ? Math.max(1, w - 1) : x + 1) {
                    int i = row + x;
                    double den = psi[i] + neighbours(phi, w, h, x, y, nb, wt);
                    inverse[i] = (float) (1 / den);
                    for (int c = 0; c < chans; c++) {
                        float[] g = i0[c];
                        double k = psi[i] * i1[c][i];
                        for (int j = 0; j < 4; j++) {
                            k += wt[j] * (g[i] - g[nb[j]]);
                        }
                        constant[c][i] = (float) k;
                    }
                }
            }
        });
        float[][] cur = start;
        float[][] spare = new float[chans][n];
        for (int it = 0; it < sweeps; it++) {
            float[][] prev = cur;
            float[][] next = spare;
            Parallel.forRows(h, w, (y0, y1) -> {
                int[] nb = new int[4];
                double[] wt = new double[4];
                for (int y = y0; y < y1; y++) {
                    boolean inner = y > 0 && y < h - 1;
                    int row = y * w;
                    // channels inside rows: the weights of a row are read from cache for all three
                    for (int c = 0; c < chans; c++) {
                        float[] jc = prev[c];
                        float[] kc = constant[c];
                        float[] out = next[c];
                        if (inner) {
                            // interior of the row: no clamping, float arithmetic
                            for (int i = row + 1, end = row + w - 1; i < end; i++) {
                                float num = kc[i] + (wE[i] * jc[i + 1] + wE[i - 1] * jc[i - 1] + wS[i] * jc[i + w]
                                    + wS[i - w] * jc[i - w]);
                                out[i] = KEEP * num * inverse[i] + RHO_F * jc[i];
                            }
                        }
                        for (int x = 0; x < w; x = inner && x == 0 ? Math.max(1, w - 1) : x + 1) {
                            int i = row + x;
                            neighbours(phi, w, h, x, y, nb, wt);
                            double num = kc[i] + wt[0] * jc[nb[0]] + wt[1] * jc[nb[1]] + wt[2] * jc[nb[2]]
                                + wt[3] * jc[nb[3]];
                            out[i] = (float) ((1 - RHO) * num * inverse[i] + RHO * jc[i]);
                        }
                    }
                }
            });
            spare = prev;
            cur = next;
        }
        return cur;
    }

    /**
     * The four neighbours of (x, y) (borders clamped) and their weights (φ(n) + φ) / 2; returns
     * the sum of the weights.
     */
    private static double neighbours(float[] phi, int w, int h, int x, int y, int[] nb, double[] wt) {
        int i = y * w + x;
        nb[0] = y * w + Math.min(w - 1, x + 1);
        nb[1] = y * w + Math.max(0, x - 1);
        nb[2] = Math.min(h - 1, y + 1) * w + x;
        nb[3] = Math.max(0, y - 1) * w + x;
        double sum = 0;
        for (int k = 0; k < 4; k++) {
            wt[k] = (phi[nb[k]] + phi[i]) / 2;
            sum += wt[k];
        }
        return sum;
    }

    /** 2 × 2 box average to (w/2) × (h/2). */
    static float[][] half(float[][] p, int w, int h) {
        int w2 = w / 2;
        int h2 = h / 2;
        float[][] out = new float[p.length][w2 * h2];
        for (int c = 0; c < p.length; c++) {
            float[] src = p[c];
            float[] dst = out[c];
            Parallel.forRows(h2, w2, (y0, y1) -> {
                for (int y = y0; y < y1; y++) {
                    int a = 2 * y * w;
                    int b = a + w;
                    for (int x = 0; x < w2; x++) {
                        dst[y * w2 + x] = (src[a + 2 * x] + src[a + 2 * x + 1] + src[b + 2 * x] + src[b + 2 * x + 1]) / 4;
                    }
                }
            });
        }
        return out;
    }

    /** Bilinear upsampling from (w2, h2) to (w, h) with pixel centres aligned. */
    static float[][] upsample(float[][] p, int w2, int h2, int w, int h) {
        float[][] out = new float[p.length][w * h];
        double sx = (double) w2 / w;
        double sy = (double) h2 / h;
        int[] xa = new int[w];
        int[] xb = new int[w];
        float[] tx = new float[w];
        for (int x = 0; x < w; x++) {
            double fx = Math.min(w2 - 1, Math.max(0, (x + 0.5) * sx - 0.5));
            xa[x] = Math.min((int) fx, w2 - 1);
            xb[x] = Math.min(xa[x] + 1, w2 - 1);
            tx[x] = (float) (fx - xa[x]);
        }
        for (int c = 0; c < p.length; c++) {
            float[] src = p[c];
            float[] dst = out[c];
            Parallel.forRows(h, w, (y0, y1) -> {
                for (int y = y0; y < y1; y++) {
                    double fy = Math.min(h2 - 1, Math.max(0, (y + 0.5) * sy - 0.5));
                    int ya = Math.min((int) fy, h2 - 1) * w2;
                    int yb = Math.min(ya / w2 + 1, h2 - 1) * w2;
                    double ty = fy - ya / w2;
                    for (int x = 0; x < w; x++) {
                        double top = src[ya + xa[x]] + tx[x] * (src[ya + xb[x]] - src[ya + xa[x]]);
                        double bot = src[yb + xa[x]] + tx[x] * (src[yb + xb[x]] - src[yb + xa[x]]);
                        dst[y * w + x] = (float) (top + ty * (bot - top));
                    }
                }
            });
        }
        return out;
    }
}
