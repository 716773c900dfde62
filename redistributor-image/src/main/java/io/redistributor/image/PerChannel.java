package io.redistributor.image;

import io.redistributor.Distribution;
import io.redistributor.LearnedDistribution;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Per-channel redistribution. On stored samples (RGB or grey) each channel's map is a lookup
 * table over the sample levels, built from exact histograms: the order statistics at the lattice
 * ranks come from the cumulative counts, so the learned distributions equal the core's fit on
 * the pixel values scaled to [0, 1], and the pixels are mapped in one pass. In other spaces the
 * channels are float arrays fitted through exact selection and mapped with {@link FastTransform};
 * for large 8-bit RGB images these arrays hold one value per distinct colour, weighted by its
 * pixel count (see {@link #inSpace}), with the same output as one value per pixel.
 *
 * <p>A channel whose selected source pixels all hold one value cannot be fitted; it maps to the
 * target's median. A reference channel holding one value maps every pixel to that value.
 */
final class PerChannel {

    private static final int PARTS = 16;

    private PerChannel() {
    }

    /** Counts of each level of a plane over the selected pixels. */
    static long[] histogram(short[] plane, boolean[] mask, int levels) {
        int n = plane.length;
        int[] counts = IntStream.range(0, PARTS).parallel().mapToObj(p -> {
            int[] c = new int[levels];
            int from = (int) ((long) n * p / PARTS);
            int to = (int) ((long) n * (p + 1) / PARTS);
            for (int i = from; i < to; i++) {
                if (mask == null || mask[i]) {
                    c[plane[i] & 0xFFFF]++;
                }
            }
            return c;
        }).reduce((a, b) -> {
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            return a;
        }).orElseThrow();
        long[] h = new long[levels];
        for (int i = 0; i < levels; i++) {
            h[i] = counts[i];
        }
        return h;
    }

    /** Number of levels holding at least one sample. */
    static int occupied(long[] hist) {
        int k = 0;
        for (long c : hist) {
            if (c > 0) {
                k++;
            }
        }
        return k;
    }

    /**
     * Maps each channel of the source onto the reference's channel (targets == null) or onto the
     * given per-channel targets on the [0, 1] scale.
     */
    static short[][] lookup(Image src, boolean[] srcMask, Image ref, boolean[] refMask, Distribution[] targets) {
        int max = src.maxValue();
        int levels = max + 1;
        double scale = 1.0 / max;
        short[][] in = src.colourRef();
        short[][] out = new short[in.length][];
        for (int c = 0; c < in.length; c++) {
            long[] hs = histogram(in[c], srcMask, levels);
            checkCount(OrderStatistics.total(hs), "source");
            short[] lut = new short[levels];
            if (targets == null) {
                long[] hr = histogram(ref.colourRef()[c], refMask, ref.maxValue() + 1);
                checkCount(OrderStatistics.total(hr), "reference");
                double refScale = 1.0 / ref.maxValue();
                if (occupied(hr) == 1) {
                    fill(lut, OrderStatistics.fromHistogram(hr, new long[] {0}, refScale)[0], max);
                } else {
                    buildLut(hs, scale, OrderStatistics.fit(hr, refScale), lut, max);
                }
            } else {
                buildLut(hs, scale, targets[c], lut, max);
            }
            out[c] = apply(in[c], srcMask, lut);
        }
        return out;
    }

    private static void buildLut(long[] hs, double scale, Distribution target, short[] lut, int max) {
        if (occupied(hs) == 1) {
            fill(lut, target.quantile(0.5), max);
            return;
        }
        LearnedDistribution s = OrderStatistics.fit(hs, scale);
        for (int v = 0; v < lut.length; v++) {
            lut[v] = Colour.quantize(target.quantile(s.cdf(v * scale)), max);
        }
    }

    private static void fill(short[] lut, double value, int max) {
        java.util.Arrays.fill(lut, Colour.quantize(value, max));
    }

    private static short[] apply(short[] in, boolean[] mask, short[] lut) {
        short[] out = new short[in.length];
        Parallel.forRange(in.length, (from, to) -> {
            if (mask == null) {
                for (int i = from; i < to; i++) {
                    out[i] = lut[in[i] & 0xFFFF];
                }
            } else {
                for (int i = from; i < to; i++) {
                    out[i] = mask[i] ? lut[in[i] & 0xFFFF] : in[i];
                }
            }
        });
        return out;
    }

    static void checkCount(long n, String which) {
        if (n < 3) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s selects %d pixels; at least 3 are needed to learn a distribution", which, n));
        }
    }

    /**
     * Whether per-channel transfer outside RGB, and the final lattice pass of joint transfer in
     * RGB, work per distinct colour of 8-bit RGB images (through a {@link Palette}) or per pixel.
     * Both give the same output.
     */
    enum ByColour {
        /** Per colour for images of at least {@link #PALETTE_PIXELS} selected pixels with few enough colours. */
        AUTO,
        /** Per colour whenever the image is 8-bit RGB. */
        ALWAYS,
        /** Per pixel. */
        NEVER
    }

    /** Selected pixels from which {@link ByColour#AUTO} counts colours. */
    static final int PALETTE_PIXELS = 1 << 22;

    /**
     * The palette of an image's selected pixels when per-colour work is chosen, else null. AUTO
     * takes it for images of {@link #PALETTE_PIXELS} selected pixels or more, unless more than
     * three quarters of the pixels have distinct colours: then the per-colour work saves too
     * little to pay for the counting and the final lookup, and the counting is the only loss.
     */
    static Palette palette(Image img, boolean[] mask, ByColour use) {
        if (use == ByColour.NEVER || img.channels() != 3 || img.maxValue() != 255) {
            return null;
        }
        long selected = ColorTransfer.selected(mask, img);
        if (use == ByColour.AUTO && selected < PALETTE_PIXELS) {
            return null;
        }
        Palette p = Palette.of(img, mask);
        return use == ByColour.AUTO && 4L * p.size() > 3 * selected ? null : p;
    }

    /**
     * Per-channel transfer in a space other than RGB (or of a grey image): each channel of the
     * selected source pixels onto the reference's channel or the targets. With a palette, the
     * conversions and the map run once per distinct colour, with the pixel counts as weights of
     * the fits: every value depends on its pixel's colour alone and weighted selection returns
     * the order statistics of the pixels, so the output is the per-pixel output.
     *
     * @return the output planes; unselected pixels keep their samples
     */
    static short[][] inSpace(Image src, boolean[] sm, Image ref, boolean[] rm, Distribution[] targets, Space space,
                             ByColour use) {
        Targets t = targets == null ? null : Targets.of(targets);
        ReferenceWork beside = null;
        if (ref != null && ColorTransfer.selected(rm, ref) < PALETTE_PIXELS) {
            // a reference without a palette is converted and fitted beside the source's palette
            // and conversion, which leave part of the cores idle
            beside = new ReferenceWork(ref, rm, space, use);
            beside.fork();
        } else if (ref != null) {
            // a large reference first, so that its colour table is garbage before the source's is built
            t = reference(ref, rm, space, use);
        }
        Palette sp = palette(src, sm, use);
        float[][] s = sp == null ? Colour.forward(src, space, sm) : sp.forward(space);
        int[] sw = sp == null ? null : sp.counts();
        checkCount(sw == null ? s[0].length : OrderStatistics.total(sw), "source");
        if (beside != null) {
            t = beside.result();
        }
        transfer(s, sw, t);
        if (sp != null) {
            short[][] mapped = new short[3][sp.size()];
            Colour.inverse(s, space, 255, null, mapped);
            return sp.apply(src, sm, mapped);
        }
        short[][] out = ColorTransfer.copy(src.colourRef());
        Colour.inverse(s, space, src.maxValue(), sm == null ? null : Colour.indices(sm), out);
        return out;
    }

    /** The reference's selected pixels (or distinct colours) in the space, fitted per channel. */
    private static Targets reference(Image ref, boolean[] rm, Space space, ByColour use) {
        Palette rp = palette(ref, rm, use);
        float[][] r = rp == null ? Colour.forward(ref, space, rm) : rp.forward(space);
        return rp == null ? Targets.fit(r, null, 0) : Targets.fit(r, rp.counts(), rp.entryOfFirst(ref, rm));
    }

    /**
     * {@link #reference} as a task of the common pool; its exception, if any, is thrown as it is
     * by {@link #result()}.
     */
    private static final class ReferenceWork extends java.util.concurrent.RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Image ref;
        private final transient boolean[] rm;
        private final Space space;
        private final ByColour use;
        private transient Targets targets;
        private transient RuntimeException failure;

        ReferenceWork(Image ref, boolean[] rm, Space space, ByColour use) {
            this.ref = ref;
            this.rm = rm;
            this.space = space;
            this.use = use;
        }

        @Override
        protected void compute() {
            try {
                targets = reference(ref, rm, space, use);
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        Targets result() {
            join();
            if (failure != null) {
                throw failure;
            }
            return targets;
        }
    }

    /**
     * Per channel, the distribution to map onto, or (where it is null) the value that every
     * source value takes: a reference channel whose values all compare equal.
     */
    private static final class Targets {
        final Distribution[] distributions;
        final float[] constant;

        private Targets(Distribution[] distributions, float[] constant) {
            this.distributions = distributions;
            this.constant = constant;
        }

        static Targets of(Distribution[] targets) {
            return new Targets(targets, new float[targets.length]);
        }

        /**
         * The learned distributions of the channels of r, with value k standing for rw[k]
         * samples (rw null for one each); a channel whose values all compare equal gives its
         * value at entry rFirst, the first selected pixel's (so that of equal zeros the one a
         * pass over the pixels meets first is taken, as it is without weights at entry 0).
         */
        static Targets fit(float[][] r, int[] rw, int rFirst) {
            checkCount(rw == null ? r[0].length : OrderStatistics.total(rw), "reference");
            Distribution[] d = new Distribution[r.length];
            float[] constant = new float[r.length];
            IntStream.range(0, r.length).parallel().forEach(c -> {
                float[] mm = OrderStatistics.minMax(r[c]);
                if (mm[0] == mm[1]) {
                    constant[c] = r[c][rFirst];
                } else {
                    d[c] = rw == null ? OrderStatistics.fit(r[c], mm) : OrderStatistics.fit(r[c], rw, mm);
                }
            });
            return new Targets(d, constant);
        }
    }

    /**
     * Float path: maps each channel of {@code s} in place onto the matching channel of {@code r}
     * (targets == null) or onto the targets.
     */
    static void transfer(float[][] s, float[][] r, Distribution[] targets) {
        transfer(s, null, r, null, 0, targets);
    }

    /**
     * As {@link #transfer(float[][], float[][], Distribution[])}, with value k of {@code s}
     * standing for sw[k] samples and value k of {@code r} for rw[k] (each weight array null for
     * one sample per value). A reference channel whose values all compare equal fills the source
     * with its value at entry {@code rFirst}, the first selected pixel's (so that of equal zeros
     * the one a pass over the pixels meets first is taken, as it is without weights at entry 0);
     * elsewhere only the extremes' values matter, not their signs, and weighted selection orders
     * -0.0 before 0.0 as a sort of the pixels does.
     */
    static void transfer(float[][] s, int[] sw, float[][] r, int[] rw, int rFirst, Distribution[] targets) {
        // every channel holds as many samples: checked once, before the channels run side by side
        checkCount(sw == null ? s[0].length : OrderStatistics.total(sw), "source");
        transfer(s, sw, targets == null ? Targets.fit(r, rw, rFirst) : Targets.of(targets));
    }

    /** The source side of {@link #transfer(float[][], int[], float[][], int[], int, Distribution[])}. */
    private static void transfer(float[][] s, int[] sw, Targets t) {
        // the fits side by side, then one channel's map at a time on all threads, which keeps
        // both cores busy to the end (three channels side by side leave one idle at the last)
        FastTransform[] maps = new FastTransform[s.length];
        IntStream.range(0, s.length).parallel().forEach(c -> {
            Distribution target = t.distributions[c];
            if (target == null) {
                java.util.Arrays.fill(s[c], t.constant[c]);
                return;
            }
            float[] mm = OrderStatistics.minMax(s[c]);
            if (mm[0] == mm[1]) {
                java.util.Arrays.fill(s[c], (float) target.quantile(0.5));
                return;
            }
            LearnedDistribution fitted = sw == null ? OrderStatistics.fit(s[c], mm) : OrderStatistics.fit(s[c], sw, mm);
            maps[c] = new FastTransform(fitted, target);
        });
        for (int c = 0; c < s.length; c++) {
            if (maps[c] != null) {
                maps[c].applyAll(s[c]);
            }
        }
    }
}
