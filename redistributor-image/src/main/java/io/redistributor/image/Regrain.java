package io.redistributor.image;

/**
 * The regrain post-process of Pitié, Kokaram and Dahyot 2007: finds an image J whose colours stay
 * close to the transfer result I₁ while its gradients follow the source I₀, by minimising
 * Σ ψ |J − I₁|² + Σ φ |∇J − ∇I₀|² with weights taken from the source's gradient magnitude
 * |∇I₀|: ψ = min(1, 256 |∇I₀| / 5) keeps colours at edges, φ = 30 / (1 + 10 |∇I₀| / s) · 2^-level
 * enforces the source's flatness elsewhere. The minimiser is approached coarse to fine on a
 * pyramid of halved images (while both sides exceed 20 pixels) with damped Jacobi sweeps
 * (damping 1/5), 4, 16, 32, 64, 64, 64 sweeps from the finest level down. Values are on the
 * [0, 1] scale. {@link RegrainSolver} runs the sweeps of a level in one pass over memory; its
 * result equals that of plain whole-image sweeps bit for bit, for any thread count.
 */
final class Regrain {

    private static final int[] SWEEPS = {4, 16, 32, 64, 64, 64};

    private Regrain() {
    }

    /**
     * Regrains {@code result} (planes on the [0, 1] scale) against {@code source}; returns the
     * regrained planes, which are those of {@code result}, overwritten.
     */
    static float[][] apply(float[][] source, float[][] result, int width, int height, double smoothness) {
        return level(source, result, width, height, 0, smoothness);
    }

    /** The solution on one level, in the planes of i1: from the coarser level's solution, or from i1 itself. */
    private static float[][] level(float[][] i0, float[][] i1, int w, int h, int lvl, double smooth) {
        int w2 = w / 2;
        int h2 = h / 2;
        float[][] coarse = null;
        if (lvl + 1 < SWEEPS.length && w2 > 20 && h2 > 20) {
            coarse = level(half(i0, w, h), half(i1, w, h), w2, h2, lvl + 1, smooth);
        }
        int sweeps = SWEEPS[lvl];
        RegrainSolver.solve(i0, i1, coarse, w2, h2, w, h, sweeps, Math.pow(2, -lvl), Math.max(smooth, 1e-12),
            bandRows(sweeps, w, h));
        return i1;
    }

    /**
     * Output rows per band of the solver (any value gives the same result): one band where the
     * level is too small to run in parallel; otherwise 2 to 8 bands, fewer on levels with many
     * sweeps, where a band recomputes up to 2T − 2 extra rows of sweeps at its edges.
     */
    static int bandRows(int sweeps, int w, int h) {
        if ((long) w * h < Parallel.THRESHOLD) {
            return h;
        }
        return Math.max((h + 7) / 8, Math.min(8 * sweeps, (h + 1) / 2));
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
}
