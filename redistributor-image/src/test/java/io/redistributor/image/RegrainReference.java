package io.redistributor.image;

/**
 * Regrain written plainly, for the tests: whole-image arrays, one Jacobi sweep at a time, one
 * thread, the weights of every pixel from its clamped neighbours. Float arithmetic inside the
 * image and double arithmetic on its border, in the order of the first implementation, which the
 * production solver must reproduce bit for bit.
 */
final class RegrainReference {

    private static final int[] SWEEPS = {4, 16, 32, 64, 64, 64};
    private static final double RHO = 0.2;

    private RegrainReference() {
    }

    static float[][] apply(float[][] i0, float[][] i1, int w, int h, double smooth) {
        return level(i0, i1, w, h, 0, smooth);
    }

    private static float[][] level(float[][] i0, float[][] i1, int w, int h, int lvl, double smooth) {
        int w2 = w / 2;
        int h2 = h / 2;
        float[][] start = i1;
        if (lvl + 1 < SWEEPS.length && w2 > 20 && h2 > 20) {
            float[][] coarse = level(half(i0, w, h), half(i1, w, h), w2, h2, lvl + 1, smooth);
            start = upsample(coarse, w2, h2, w, h);
        }
        return solve(start, i0, i1, w, h, SWEEPS[lvl], Math.pow(2, -lvl), Math.max(smooth, 1e-12));
    }

    /** {@code sweeps} damped Jacobi sweeps from {@code start} (not modified). */
    static float[][] solve(float[][] start, float[][] i0, float[][] i1, int w, int h, int sweeps, double scale,
                           double smooth) {
        int n = w * h;
        int chans = i0.length;
        float[] psi = new float[n];
        float[] phi = new float[n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double g2 = 0;
                for (float[] p : i0) {
                    double gx = (p[at(x + 1, y, w, h)] - p[at(x - 1, y, w, h)]) / 2;
                    double gy = (p[at(x, y + 1, w, h)] - p[at(x, y - 1, w, h)]) / 2;
                    g2 += gx * gx + gy * gy;
                }
                double d = Math.sqrt(g2);
                psi[y * w + x] = (float) Math.min(1, 256 * d / 5);
                phi[y * w + x] = (float) (30 / (1 + 10 * d / smooth) * scale);
            }
        }
        float[] inverse = new float[n];
        float[][] constant = new float[chans][n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int[] nb = neighbours(x, y, w, h);
                if (inner(x, y, w, h)) {
                    inverse[i] = 1 / (psi[i] + 2 * phi[i] + 0.5f * (phi[nb[0]] + phi[nb[1]] + phi[nb[2]] + phi[nb[3]]));
                    for (int c = 0; c < chans; c++) {
                        float[] g = i0[c];
                        float gi = g[i];
                        float sum = 0.5f * (phi[nb[0]] + phi[i]) * (gi - g[nb[0]])
                            + 0.5f * (phi[nb[1]] + phi[i]) * (gi - g[nb[1]])
                            + 0.5f * (phi[nb[2]] + phi[i]) * (gi - g[nb[2]])
                            + 0.5f * (phi[nb[3]] + phi[i]) * (gi - g[nb[3]]);
                        constant[c][i] = psi[i] * i1[c][i] + sum;
                    }
                } else {
                    double sum = 0;
                    for (int k = 0; k < 4; k++) {
                        sum += (phi[nb[k]] + phi[i]) / 2;
                    }
                    inverse[i] = (float) (1 / (psi[i] + sum));
                    for (int c = 0; c < chans; c++) {
                        double k = psi[i] * i1[c][i];
                        for (int j = 0; j < 4; j++) {
                            k += (double) ((phi[nb[j]] + phi[i]) / 2) * (i0[c][i] - i0[c][nb[j]]);
                        }
                        constant[c][i] = (float) k;
                    }
                }
            }
        }
        float[][] cur = start;
        for (int it = 0; it < sweeps; it++) {
            float[][] next = new float[chans][n];
            for (int c = 0; c < chans; c++) {
                float[] j = cur[c];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = y * w + x;
                        int[] nb = neighbours(x, y, w, h);
                        if (inner(x, y, w, h)) {
                            float num = constant[c][i] + (0.5f * (phi[nb[0]] + phi[i]) * j[nb[0]]
                                + 0.5f * (phi[nb[1]] + phi[i]) * j[nb[1]] + 0.5f * (phi[nb[2]] + phi[i]) * j[nb[2]]
                                + 0.5f * (phi[nb[3]] + phi[i]) * j[nb[3]]);
                            next[c][i] = 0.8f * num * inverse[i] + 0.2f * j[i];
                        } else {
                            double num = constant[c][i];
                            for (int k = 0; k < 4; k++) {
                                num += (double) ((phi[nb[k]] + phi[i]) / 2) * j[nb[k]];
                            }
                            next[c][i] = (float) ((1 - RHO) * num * inverse[i] + RHO * j[i]);
                        }
                    }
                }
            }
            cur = next;
        }
        return cur;
    }

    private static boolean inner(int x, int y, int w, int h) {
        return x > 0 && x < w - 1 && y > 0 && y < h - 1;
    }

    /** East, west, south, north, clamped to the image. */
    private static int[] neighbours(int x, int y, int w, int h) {
        return new int[] {at(x + 1, y, w, h), at(x - 1, y, w, h), at(x, y + 1, w, h), at(x, y - 1, w, h)};
    }

    private static int at(int x, int y, int w, int h) {
        return Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x));
    }

    static float[][] half(float[][] p, int w, int h) {
        int w2 = w / 2;
        int h2 = h / 2;
        float[][] out = new float[p.length][w2 * h2];
        for (int c = 0; c < p.length; c++) {
            for (int y = 0; y < h2; y++) {
                for (int x = 0; x < w2; x++) {
                    float[] s = p[c];
                    out[c][y * w2 + x] = (s[at(2 * x, 2 * y, w, h)] + s[at(2 * x + 1, 2 * y, w, h)]
                        + s[at(2 * x, 2 * y + 1, w, h)] + s[at(2 * x + 1, 2 * y + 1, w, h)]) / 4;
                }
            }
        }
        return out;
    }

    /** Bilinear, pixel centres aligned, coordinates clamped to the coarse image. */
    static float[][] upsample(float[][] p, int w2, int h2, int w, int h) {
        float[][] out = new float[p.length][w * h];
        for (int c = 0; c < p.length; c++) {
            float[] s = p[c];
            for (int y = 0; y < h; y++) {
                double fy = Math.min(h2 - 1, Math.max(0, (y + 0.5) * ((double) h2 / h) - 0.5));
                int ya = (int) fy;
                int yb = Math.min(ya + 1, h2 - 1);
                double ty = fy - ya;
                for (int x = 0; x < w; x++) {
                    double fx = Math.min(w2 - 1, Math.max(0, (x + 0.5) * ((double) w2 / w) - 0.5));
                    int xa = (int) fx;
                    int xb = Math.min(xa + 1, w2 - 1);
                    float tx = (float) (fx - xa);
                    double top = s[ya * w2 + xa] + tx * (s[ya * w2 + xb] - s[ya * w2 + xa]);
                    double bot = s[yb * w2 + xa] + tx * (s[yb * w2 + xb] - s[yb * w2 + xa]);
                    out[c][y * w + x] = (float) (top + ty * (bot - top));
                }
            }
        }
        return out;
    }
}
