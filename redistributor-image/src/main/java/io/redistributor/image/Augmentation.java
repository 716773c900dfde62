package io.redistributor.image;

import io.redistributor.Distribution;
import io.redistributor.ParametricDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Colour augmentation for training data: K variants of an image with the colours of randomly
 * chosen references or of random per-channel targets. Variant i uses the generator seeded with
 * {@code seed} after i draws of the previous variants, so the same seed gives the same list, and
 * the first variants do not change when K grows.
 */
public final class Augmentation {

    /** Lowest shape parameter of the random beta targets. */
    static final double MIN_SHAPE = 1.5;
    /** Highest shape parameter of the random beta targets. */
    static final double MAX_SHAPE = 6;

    private Augmentation() {
    }

    /**
     * K variants, each matched to a reference drawn uniformly at random (with replacement).
     *
     * @param source the image
     * @param references candidate references, at least one
     * @param k number of variants, at least 0
     * @param seed the seed of the draws (and of each transfer's own randomness)
     * @param options the transfer options; their seed is replaced per variant
     * @return k images
     * @throws IllegalArgumentException if references is empty or k is negative
     */
    public static List<Image> fromReferences(Image source, List<Image> references, int k, long seed,
                                             TransferOptions options) {
        ColorTransfer.notNull(source, "source");
        ColorTransfer.notNull(references, "references");
        ColorTransfer.notNull(options, "options");
        checkK(k);
        if (references.isEmpty()) {
            throw new IllegalArgumentException("references must hold at least one image");
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        List<Image> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            Image ref = references.get(rng.nextInt(references.size()));
            out.add(ColorTransfer.match(source, ref, options.withSeed(rng.nextLong())));
        }
        return out;
    }

    /**
     * K variants, each with every channel redistributed in RGB onto a random beta distribution on
     * [0, 1] with both shape parameters drawn uniformly from [{@value #MIN_SHAPE},
     * {@value #MAX_SHAPE}]: unimodal targets whose means range from about 0.2 to 0.8, so the
     * variants differ in brightness, contrast and colour cast while keeping the image's order
     * of tones.
     *
     * @param source the image
     * @param k number of variants, at least 0
     * @param seed the seed
     * @return k images
     * @throws IllegalArgumentException if k is negative
     */
    public static List<Image> fromRandomTargets(Image source, int k, long seed) {
        ColorTransfer.notNull(source, "source");
        checkK(k);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        TransferOptions o = TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.RGB);
        List<Image> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            List<Distribution> targets = new ArrayList<>();
            for (int c = 0; c < source.channels(); c++) {
                double a = MIN_SHAPE + (MAX_SHAPE - MIN_SHAPE) * rng.nextDouble();
                double b = MIN_SHAPE + (MAX_SHAPE - MIN_SHAPE) * rng.nextDouble();
                targets.add(ParametricDistribution.of("beta", a, b));
            }
            out.add(ColorTransfer.toTargets(source, targets, o));
        }
        return out;
    }

    private static void checkK(int k) {
        if (k < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "k (%d) must be >= 0", k));
        }
    }
}
