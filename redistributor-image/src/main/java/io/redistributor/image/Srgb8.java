package io.redistributor.image;

/**
 * Encodes linear light to 8-bit sRGB samples exactly, without a power function: the sample of a
 * linear value c is the number of levels k in 1..255 whose threshold decode((k − ½) / 255) is at
 * or below c, i.e. round(255 · encode(c)) with c clipped to [0, 1]. A table over [0, 1] gives
 * the count at the start of c's interval of width 1/4096, and at most one step finishes it:
 * thresholds lie at least 1 / (255 · 12.92) ≈ 3.0e-4 apart, wider than an interval (2.4e-4), so an
 * interval holds at most one, and that step is taken without a branch. Immutable.
 */
final class Srgb8 {

    /** The largest sample. */
    final int max = 255;
    /** Intervals of the start table over [0, 1]. */
    private static final int SLOTS = 4096;
    /** threshold[k] for k in 1..255; threshold[0] = -∞ and threshold[256] = +∞ as sentinels. */
    private final double[] threshold = new double[max + 2];
    /** start[j]: the number of thresholds at or below j / SLOTS. */
    private final int[] start = new int[SLOTS + 1];

    Srgb8() {
        threshold[0] = Double.NEGATIVE_INFINITY;
        for (int k = 1; k <= max; k++) {
            threshold[k] = Colour.decode((k - 0.5) / max);
        }
        threshold[max + 1] = Double.POSITIVE_INFINITY;
        int k = 0;
        for (int j = 0; j <= SLOTS; j++) {
            double edge = (double) j / SLOTS;
            while (threshold[k + 1] <= edge) {
                k++;
            }
            start[j] = k;
        }
    }

    /** The sample of linear value c: 0 for c ≤ 0 or NaN, 255 for c ≥ 1. */
    short sample(double c) {
        if (!(c > -1e300 && c < 1e300)) {
            // NaN and the infinities (never met in practice): the one branch left
            return (short) (c > 0 ? max : 0);
        }
        // values out of [0, 1] (out-of-gamut colours, often) clamp to the first or last slot
        // without a branch: below 0 the count is 0 and the step below is not taken; at 1 and
        // above it is 255, and the step would pass the sentinel +∞
        int k = start[Math.min(SLOTS, Math.max(0, (int) (c * SLOTS)))];
        // the one possible step, without a branch (which the data would mispredict often): the
        // sign bit of c - threshold[k + 1] is 0 exactly when the threshold is at or below c
        // (a difference of finite doubles is zero only when they are equal, and is then +0.0;
        // the last sentinel, +∞, gives -∞)
        return (short) (k + 1 - (int) (Double.doubleToRawLongBits(c - threshold[k + 1]) >>> 63));
    }
}
