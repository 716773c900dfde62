package io.redistributor.image;

import io.redistributor.Distribution;
import java.util.Arrays;
import java.util.Locale;

/**
 * Exact histogram specification per channel on stored samples: the selected pixels are sorted by
 * value and then by a secondary key ({@link TieOrder}), and the target's levels are handed out in
 * that order with exactly the target's counts, so the output histogram equals the target's.
 *
 * <p>Target counts: from the reference's histogram (levels rescaled when the bit depths differ)
 * or from a distribution's probability of each level's interval on the [0, 1] scale, either way
 * scaled to the number of selected source pixels by the largest-remainder rule (ties between
 * remainders go to the lower level). The sort key packs value, secondary key and pixel position
 * into one long, so the order, and the output, is fully determined by the inputs and the seed.
 * At most 2^25 selected pixels per image.
 */
final class ExactSpecification {

    private static final int INDEX_BITS = 25;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    private ExactSpecification() {
    }

    static short[][] apply(Image src, boolean[] srcMask, Image ref, boolean[] refMask, Distribution[] targets,
                           TieOrder order, long seed) {
        int max = src.maxValue();
        int levels = max + 1;
        short[][] in = src.colourRef();
        int[] idx = srcMask == null ? null : Colour.indices(srcMask);
        int n = idx == null ? src.pixels() : idx.length;
        PerChannel.checkCount(n, "source");
        if (n > INDEX_MASK) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "source selects %d pixels; exact specification handles at most %d", n, INDEX_MASK));
        }
        short[][] out = new short[in.length][];
        for (int c = 0; c < in.length; c++) {
            double[] weights;
            if (targets == null) {
                long[] hr = PerChannel.histogram(ref.colourRef()[c], refMask, ref.maxValue() + 1);
                PerChannel.checkCount(OrderStatistics.total(hr), "reference");
                weights = new double[levels];
                for (int v = 0; v < hr.length; v++) {
                    weights[(int) Math.round((double) v * max / ref.maxValue())] += hr[v];
                }
            } else {
                weights = new double[levels];
                Distribution t = targets[c];
                double below = 0;
                for (int v = 0; v < levels; v++) {
                    double upper = v == max ? 1 : t.cdf((v + 0.5) / max);
                    weights[v] = Math.max(0, upper - below);
                    below = Math.max(below, upper);
                }
            }
            long[] counts = largestRemainder(weights, n);
            long[] keys = keys(src, in[c], idx, n, order, seed + c);
            Arrays.parallelSort(keys);
            short[] o = in[c].clone();
            int level = 0;
            long left = counts[0];
            for (int k = 0; k < n; k++) {
                while (left == 0) {
                    left = counts[++level];
                }
                int pos = (int) (keys[k] & INDEX_MASK);
                o[idx == null ? pos : idx[pos]] = (short) level;
                left--;
            }
            out[c] = o;
        }
        return out;
    }

    /** Integer counts summing to n, proportional to the weights (largest remainder). */
    static long[] largestRemainder(double[] weights, long n) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("target has no probability on the sample range [0, 1]");
        }
        long[] counts = new long[weights.length];
        double[] rem = new double[weights.length];
        long assigned = 0;
        for (int v = 0; v < weights.length; v++) {
            double ideal = weights[v] / total * n;
            counts[v] = (long) Math.floor(ideal);
            rem[v] = ideal - counts[v];
            assigned += counts[v];
        }
        Integer[] order = new Integer[weights.length];
        for (int v = 0; v < order.length; v++) {
            order[v] = v;
        }
        Arrays.sort(order, (a, b) -> rem[a] != rem[b] ? Double.compare(rem[b], rem[a]) : Integer.compare(a, b));
        for (int k = 0; assigned < n; k = (k + 1) % order.length) {
            counts[order[k]]++;
            assigned++;
        }
        return counts;
    }

    /** value | secondary key | position, packed so that a plain sort orders the pixels. */
    private static long[] keys(Image img, short[] plane, int[] idx, int n, TieOrder order, long seed) {
        int depth = img.bitDepth();
        int w = img.width();
        int h = img.height();
        int secondaryBits = 64 - 1 - depth - INDEX_BITS;
        long[] keys = new long[n];
        Parallel.forRange(n, (from, to) -> {
            for (int k = from; k < to; k++) {
                int i = idx == null ? k : idx[k];
                long secondary;
                if (order == TieOrder.RANDOM) {
                    secondary = mix(seed, i) >>> (64 - secondaryBits);
                } else {
                    int x = i % w;
                    int y = i / w;
                    long s3 = boxSum(plane, w, h, x, y, 1);
                    secondary = depth == 8 ? (s3 << 13) | boxSum(plane, w, h, x, y, 2) : s3;
                }
                keys[k] = ((long) (plane[i] & 0xFFFF) << (INDEX_BITS + secondaryBits)) | (secondary << INDEX_BITS) | k;
            }
        });
        return keys;
    }

    private static long boxSum(short[] p, int w, int h, int x, int y, int r) {
        long s = 0;
        for (int dy = -r; dy <= r; dy++) {
            int yy = Math.min(h - 1, Math.max(0, y + dy));
            for (int dx = -r; dx <= r; dx++) {
                int xx = Math.min(w - 1, Math.max(0, x + dx));
                s += p[yy * w + xx] & 0xFFFF;
            }
        }
        return s;
    }

    /** SplitMix64 of the seed and a position: a per-pixel random key independent of threads. */
    static long mix(long seed, long i) {
        long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
