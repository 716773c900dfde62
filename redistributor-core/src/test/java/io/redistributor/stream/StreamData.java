package io.redistributor.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded test data and ways of cutting it into chunks. */
final class StreamData {
    private StreamData() {
    }

    /** Normal-ish data (sum of uniforms) with a seed; distinct values almost surely. */
    static double[] smooth(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5;
        }
        return x;
    }

    /** Integer data in [0, levels) with many ties, like 8-bit pixels. */
    static double[] ties(int n, int levels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(levels);
        }
        return x;
    }

    /** Values spread over many binades and both signs, with a few exact zeros of either sign. */
    static double[] wide(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double m = Math.scalb(r.nextDouble(), r.nextInt(-60, 60));
            x[i] = r.nextBoolean() ? m : -m;
        }
        return x;
    }

    /**
     * Clusters of neighbouring doubles: a few nonzero centres, each value a centre moved up by 0 to
     * 3 ulps. Ties of every size, blocks holding one or two distinct values, values that differ in
     * the last key bits only, and lattice ranks at the first or last place of their block.
     */
    static double[] clustered(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] centres = new double[1 + r.nextInt(8)];
        for (int c = 0; c < centres.length; c++) {
            double m = Math.scalb(0.5 + r.nextDouble() / 2, r.nextInt(-5, 5));
            centres[c] = r.nextBoolean() ? m : -m;
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double v = centres[r.nextInt(centres.length)];
            for (int u = r.nextInt(4); u > 0; u--) {
                v = Math.nextUp(v);
            }
            x[i] = v;
        }
        return x;
    }

    /** Cuts x into chunks of random lengths, including empty ones and ones of length 1. */
    static List<double[]> randomChunks(double[] x, int maxLength, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> chunks = new ArrayList<>();
        int i = 0;
        while (i < x.length) {
            int kind = r.nextInt(6);
            int len = kind == 0 ? 0 : kind == 1 ? 1 : r.nextInt(1, maxLength + 1);
            len = Math.min(len, x.length - i);
            chunks.add(Arrays.copyOfRange(x, i, i + len));
            i += len;
        }
        chunks.add(new double[0]);
        return chunks;
    }

    /** Cuts x into parts whose sizes follow the given weights (0 gives an empty part). */
    static List<double[]> weightedParts(double[] x, double[] weights) {
        double total = Arrays.stream(weights).sum();
        List<double[]> parts = new ArrayList<>();
        int start = 0;
        double cum = 0;
        for (int p = 0; p < weights.length; p++) {
            cum += weights[p];
            int end = p == weights.length - 1 ? x.length : (int) Math.round(x.length * cum / total);
            parts.add(Arrays.copyOfRange(x, start, end));
            start = end;
        }
        return parts;
    }
}
