package io.redistributor.image;

import io.redistributor.Distribution;
import io.redistributor.ParametricDistribution;
import java.util.List;
import java.util.Locale;

/**
 * Colour matching, correction and style transfer between images: the public entry point of this
 * module.
 *
 * <p>{@link #match} gives the source the colours of the reference with the {@link Method} and
 * {@link Space} of the {@link TransferOptions}; {@link #toTargets} redistributes each channel
 * onto a given distribution (uniform targets equalise). After the transfer, an optional regrain
 * restores the source's gradients, the strength blends source and result, and only the source
 * mask's pixels change. Alpha is passed through untouched; the output has the source's size, bit
 * depth, channels and format.
 *
 * <p>Grey and RGB mix as follows: a grey source is matched to the reference's luma (Rec. 709), an
 * RGB source to a grey reference repeated in all three channels. Grey images have one channel, so
 * the space is ignored and joint and Monge–Kantorovich transfer reduce to per-channel and
 * Reinhard transfer.
 *
 * <p>Same inputs, options and seed give the same output for any number of threads.
 *
 * <p>Memory: per-channel transfer outside RGB and joint transfer in RGB of an 8-bit RGB source of
 * at least 2^22 selected pixels work per distinct colour and need 3 bytes per selected pixel
 * while grouping pixels by colour, besides the images and the per-colour arrays.
 */
public final class ColorTransfer {

    /** Smoothness of the regrain weights (Pitié et al.'s default). */
    private static final double REGRAIN_SMOOTHNESS = 1;

    private ColorTransfer() {
    }

    /**
     * Gives the source the colour distribution of the reference.
     *
     * @param source the image to recolour (not modified)
     * @param reference the image whose colours to take (not modified)
     * @param options method, space, regrain, strength, masks, seed
     * @return the recoloured image
     * @throws IllegalArgumentException if an argument is null, a mask does not fit its image, a
     *     mask selects fewer than 3 pixels, or exact specification meets more than 2^25 pixels
     */
    public static Image match(Image source, Image reference, TransferOptions options) {
        notNull(source, "source");
        notNull(reference, "reference");
        notNull(options, "options");
        Image ref = source.isGrey() ? reference.toGrey() : reference.toRgb();
        return run(source, ref, null, options);
    }

    /**
     * Redistributes each channel of the source onto a target distribution, on the scale of the
     * space's channels (see {@link Space}; RGB and grey on [0, 1], so {@code uniform:0,1}
     * equalises). Works with {@link Method#PER_CHANNEL} only; the reference mask is ignored.
     *
     * @param source the image (not modified)
     * @param targets one distribution per channel (1 for grey, 3 for colour)
     * @param options the options; the method must be per-channel
     * @return the redistributed image; values are clipped to the sample range
     * @throws IllegalArgumentException if the method is not per-channel or the number of targets
     *     differs from the number of channels
     */
    public static Image toTargets(Image source, List<? extends Distribution> targets, TransferOptions options) {
        notNull(source, "source");
        notNull(targets, "targets");
        notNull(options, "options");
        if (options.method() != Method.PER_CHANNEL) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "method (%s) must be PER_CHANNEL for per-channel targets", options.method()));
        }
        if (targets.size() != source.channels()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "targets (%d) must give one distribution per channel (%d)", targets.size(), source.channels()));
        }
        Distribution[] t = targets.toArray(new Distribution[0]);
        for (int i = 0; i < t.length; i++) {
            notNull(t[i], "targets[" + i + "]");
        }
        return run(source, null, t, options);
    }

    /**
     * Histogram equalisation: every channel redistributed onto uniform(0, 1) in RGB.
     *
     * @param source the image
     * @return the equalised image
     */
    public static Image equalize(Image source) {
        notNull(source, "source");
        ParametricDistribution u = ParametricDistribution.uniform(0, 1);
        List<Distribution> t = source.isGrey() ? List.of(u) : List.of(u, u, u);
        return toTargets(source, t, TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.RGB));
    }

    private static Image run(Image src, Image ref, Distribution[] targets, TransferOptions o) {
        return run(src, ref, targets, o, PerChannel.ByColour.AUTO);
    }

    /**
     * The transfer, with the choice between per-colour and per-pixel work for per-channel
     * transfer outside RGB and for the lattice of joint transfer in RGB made by {@code byColour}
     * (both give the same output; tests compare them).
     */
    static Image run(Image src, Image ref, Distribution[] targets, TransferOptions o, PerChannel.ByColour byColour) {
        boolean[] sm = mask(o.sourceMask(), src, "sourceMask");
        boolean[] rm = ref == null ? null : mask(o.referenceMask(), ref, "referenceMask");
        short[][] out;
        boolean grey = src.isGrey();
        Space space = grey ? Space.RGB : o.space();
        Method m = o.method();
        if (grey && m == Method.JOINT) {
            m = Method.PER_CHANNEL;
        } else if (grey && m == Method.MKL) {
            m = Method.REINHARD;
        }
        if (o.ties() != TieOrder.NONE) {
            out = ExactSpecification.apply(src, sm, ref, rm, targets, o.ties(), o.seed());
        } else if (o.method() == Method.PER_CHANNEL && space == Space.RGB) {
            out = PerChannel.lookup(src, sm, ref, rm, targets);
        } else if (o.method() == Method.JOINT && !grey && space == Space.RGB && selected(sm, src) > JointTransfer.SAMPLE) {
            out = JointTransfer.transferSamples(src, sm, Colour.forward(ref, space, rm), o.iterations(), o.tolerance(),
                o.seed(), o.rotations(), byColour);
        } else if (m == Method.PER_CHANNEL) {
            out = PerChannel.inSpace(src, sm, ref, rm, targets, space, byColour);
        } else {
            float[][] s = Colour.forward(src, space, sm);
            float[][] r = Colour.forward(ref, space, rm);
            if (m == Method.JOINT) {
                JointTransfer.transfer(s, r, o.iterations(), o.tolerance(), o.seed(), o.rotations());
            } else {
                PerChannel.checkCount(s[0].length, "source");
                PerChannel.checkCount(r[0].length, "reference");
                if (m == Method.REINHARD) {
                    LinearTransfer.reinhard(s, r);
                } else {
                    LinearTransfer.mkl(s, r);
                }
            }
            out = copy(src.colourRef());
            Colour.inverse(s, space, src.maxValue(), sm == null ? null : Colour.indices(sm), out);
        }
        if (o.regrain() || o.strength() < 1) {
            out = finish(src, out, sm, o);
        }
        return src.withColour(out);
    }

    /** Regrain, strength blend and mask, on the [0, 1] scale. */
    private static short[][] finish(Image src, short[][] result, boolean[] sm, TransferOptions o) {
        int max = src.maxValue();
        float[][] s = Colour.forward(src, Space.RGB, null);
        float[][] r = Colour.forward(src.withColour(result), Space.RGB, null);
        if (o.regrain()) {
            r = Regrain.apply(s, r, src.width(), src.height(), REGRAIN_SMOOTHNESS);
        }
        double k = o.strength();
        short[][] out = new short[s.length][];
        for (int c = 0; c < s.length; c++) {
            float[] a = s[c];
            float[] b = r[c];
            short[] orig = src.colourRef()[c];
            short[] dst = new short[a.length];
            Parallel.forRange(a.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    dst[i] = sm != null && !sm[i] ? orig[i] : Colour.quantize(a[i] + k * (b[i] - a[i]), max);
                }
            });
            out[c] = dst;
        }
        return out;
    }

    private static boolean[] mask(Mask m, Image img, String name) {
        if (m == null) {
            return null;
        }
        m.checkFits(img, name);
        return m.toArray();
    }

    static int selected(boolean[] mask, Image img) {
        if (mask == null) {
            return img.pixels();
        }
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** A copy of planes of samples, each plane cloned. */
    static short[][] copy(short[][] p) {
        short[][] c = new short[p.length][];
        for (int i = 0; i < p.length; i++) {
            c[i] = p[i].clone();
        }
        return c;
    }

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
