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

    private Regrain() {
    }

    /** Regrains {@code result} (planes on the [0, 1] scale) against {@code source}; returns new planes. */
    static float[][] apply(float[][] source, float[][] result, int width, int height, double smoothness) {
        float[][] j = new float[result.length][];
        for (int c = 0; c < j.length; c++) {
            j[c] = result[c].clone();
        }
        return level(j, source, result, width, height, 0, smoothness);
    }

    private static float[][] level(float[][] j, float[][] i0, float[][] i1, int w, int h, int lvl, double smooth) {
        int w2 = w / 2;
        int h2 = h / 2;
        if (lvl + 1 < SWEEPS.length && w2 > 20 && h2 > 20) {
            float[][] coarse = level(half(j, w, h), half(i0, w, h), half(i1, w, h), w2, h2, lvl + 1, smooth);
            j = upsample(coarse, w2, h2, w, h);
        }
        return solve(j, i0, i1, w, h, SWEEPS[lvl], lvl, smooth);
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
        float[][] cur = start;
        float[][] spare = new float[chans][n];
        for (int it = 0; it < sweeps; it++) {
            float[][] prev = cur;
            float[][] next = spare;
            Parallel.forRows(h, w, (y0, y1) -> {
                int[] nb = new int[4];
                double[] wt = new double[4];
                for (int y = y0; y < y1; y++) {
                    int yu = Math.max(0, y - 1);
                    int yd = Math.min(h - 1, y + 1);
                    for (int x = 0; x < w; x++) {
                        int i = y * w + x;
                        nb[0] = y * w + Math.min(w - 1, x + 1);
                        nb[1] = y * w + Math.max(0, x - 1);
                        nb[2] = yd * w + x;
                        nb[3] = yu * w + x;
                        double den = psi[i];
                        for (int k = 0; k < 4; k++) {
                            wt[k] = (phi[nb[k]] + phi[i]) / 2;
                            den += wt[k];
                        }
                        for (int c = 0; c < chans; c++) {
                            float[] jc = prev[c];
                            float[] g = i0[c];
                            double num = psi[i] * i1[c][i];
                            for (int k = 0; k < 4; k++) {
                                num += wt[k] * (jc[nb[k]] - g[nb[k]] + g[i]);
                            }
                            next[c][i] = (float) ((1 - RHO) * num / den + RHO * jc[i]);
                        }
                    }
                }
            });
            spare = prev;
            cur = next;
        }
        return cur;
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
        for (int c = 0; c < p.length; c++) {
            float[] src = p[c];
            float[] dst = out[c];
            Parallel.forRows(h, w, (y0, y1) -> {
                for (int y = y0; y < y1; y++) {
                    double fy = Math.min(h2 - 1, Math.max(0, (y + 0.5) * sy - 0.5));
                    int ya = Math.min((int) fy, h2 - 1);
                    int yb = Math.min(ya + 1, h2 - 1);
                    double ty = fy - ya;
                    for (int x = 0; x < w; x++) {
                        double fx = Math.min(w2 - 1, Math.max(0, (x + 0.5) * sx - 0.5));
                        int xa = Math.min((int) fx, w2 - 1);
                        int xb = Math.min(xa + 1, w2 - 1);
                        double tx = fx - xa;
                        double top = src[ya * w2 + xa] + tx * (src[ya * w2 + xb] - src[ya * w2 + xa]);
                        double bot = src[yb * w2 + xa] + tx * (src[yb * w2 + xb] - src[yb * w2 + xa]);
                        dst[y * w + x] = (float) (top + ty * (bot - top));
                    }
                }
            });
        }
        return out;
    }
}
