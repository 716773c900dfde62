package io.redistributor;

import java.util.Arrays;

/**
 * Exact multi-rank selection: the values that would stand at given ranks if a range were sorted.
 * The range is reordered.
 */
final class Selection {
    private Selection() {
    }

    /**
     * Selects the order statistics at {@code ranks} of {@code x[off, off + n)}, reordering that
     * range. The values are those {@link Arrays#sort(double[])} would put at the ranks, signs of
     * zeros included (-0.0 ranks below 0.0).
     *
     * @param x data (finite values)
     * @param off first index
     * @param n number of values
     * @param ranks non-decreasing ranks in [0, n)
     * @return the values at the ranks, non-decreasing
     */
    static double[] select(double[] x, int off, int n, long[] ranks) {
        double[] out = new double[ranks.length];
        boolean sorted = (double) ranks.length / n > 0.25;
        if (sorted) {
            Arrays.sort(x, off, off + n);
        } else {
            multiSelect(x, off, off + n - 1, ranks, 0, ranks.length - 1, off);
        }
        boolean zero = false;
        for (int i = 0; i < ranks.length; i++) {
            out[i] = x[off + (int) ranks[i]];
            zero |= out[i] == 0;
        }
        if (zero && !sorted) {
            signZeros(x, off, n, ranks, out);
        }
        return out;
    }

    /**
     * The partition keeps -0.0 and 0.0 together in any order, as they compare equal; this gives
     * each selected zero the sign it has in sorted order: -0.0 at the first ranks of the run of
     * zeros, as many as the range holds. One more pass, only when a zero was selected.
     */
    private static void signZeros(double[] x, int off, int n, long[] ranks, double[] out) {
        long below = 0;
        long negativeZeros = 0;
        for (int i = off; i < off + n; i++) {
            double v = x[i];
            below += v < 0 ? 1 : 0;
            negativeZeros += Double.doubleToRawLongBits(v) == Long.MIN_VALUE ? 1 : 0;
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = ranks[i] < below + negativeZeros ? -0.0 : 0.0;
            }
        }
    }

    /** Places the values of ranks[rlo..rhi] at their sorted positions within x[lo..hi]. */
    private static void multiSelect(double[] x, int lo, int hi, long[] ranks, int rlo, int rhi, int off) {
        while (rlo <= rhi) {
            if (hi - lo < 64) {
                Arrays.sort(x, lo, hi + 1);
                return;
            }
            // median of three pivot
            int mid = (lo + hi) >>> 1;
            double a = x[lo];
            double b = x[mid];
            double c = x[hi];
            double pivot = a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
            // three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                double v = x[i];
                if (v < pivot) {
                    x[i++] = x[lt];
                    x[lt++] = v;
                } else if (v > pivot) {
                    x[i] = x[gt];
                    x[gt--] = v;
                } else {
                    i++;
                }
            }
            // ranks below lt, inside [lt, gt] (done), above gt
            int r1 = rlo;
            while (r1 <= rhi && ranks[r1] + off < lt) {
                r1++;
            }
            int r2 = r1;
            while (r2 <= rhi && ranks[r2] + off <= gt) {
                r2++;
            }
            // recurse on the smaller side, loop on the other
            if (r1 - rlo < rhi - r2 + 1) {
                if (r1 > rlo) {
                    multiSelect(x, lo, lt - 1, ranks, rlo, r1 - 1, off);
                }
                lo = gt + 1;
                rlo = r2;
            } else {
                if (r2 <= rhi) {
                    multiSelect(x, gt + 1, hi, ranks, r2, rhi, off);
                }
                hi = lt - 1;
                rhi = r1 - 1;
            }
        }
    }
}
