package io.redistributor.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** Behaviour on the bundled photos, downscaled so that the suite stays fast. */
class TransferQualityTest {

    private static final Image SOURCE = Photos.read("astronaut.png", 4);
    private static final Image REFERENCE = Photos.read("coffee.png", 4);
    private static final long SEED = 1;

    private static double sliced(Image out) {
        return ImageMetrics.slicedWasserstein(out, REFERENCE, ImageMetrics.DEFAULT_DIRECTIONS, SEED);
    }

    @Test
    void jointTransferMatchesTheColourDistributionFarBetterThanPerChannel() {
        double perChannel = sliced(ColorTransfer.match(SOURCE, REFERENCE,
            TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.RGB)));
        double joint = sliced(ColorTransfer.match(SOURCE, REFERENCE,
            TransferOptions.defaults().withMethod(Method.JOINT).withSpace(Space.RGB)));
        double untouched = sliced(SOURCE);
        // per-channel matching ignores the correlations between channels; the joint transfer
        // matches the 3-D distribution, so its distance must be at most 60 % of per-channel's
        assertTrue(joint < 0.6 * perChannel, "joint " + joint + " vs per-channel " + perChannel);
        assertTrue(perChannel < 0.5 * untouched, "per-channel " + perChannel + " vs source " + untouched);
    }

    @Test
    void fixedRotationsIgnoreTheSeedAndStillMatch() {
        TransferOptions fixed = TransferOptions.defaults().withMethod(Method.JOINT).withRotations(Rotations.FIXED);
        Image a = ColorTransfer.match(SOURCE, REFERENCE, fixed.withSeed(1));
        Image b = ColorTransfer.match(SOURCE, REFERENCE, fixed.withSeed(2));
        assertEquals(a, b);
        double perChannel = sliced(ColorTransfer.match(SOURCE, REFERENCE,
            TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.RGB)));
        // the same bound as for random rotations: the fixed set spreads its axes as evenly
        assertTrue(sliced(a) < 0.6 * perChannel, sliced(a) + " vs " + perChannel);
    }

    @Test
    void everyMethodAndSpaceMovesTowardsTheReference() {
        double untouched = sliced(SOURCE);
        for (Method m : Method.values()) {
            for (Space s : Space.values()) {
                double d = sliced(ColorTransfer.match(SOURCE, REFERENCE,
                    TransferOptions.defaults().withMethod(m).withSpace(s)));
                assertTrue(d < 0.6 * untouched, m + " " + s + ": " + d + " vs " + untouched);
            }
        }
    }

    @Test
    void regrainRaisesLuminanceSimilarityToTheSource() {
        TransferOptions o = TransferOptions.defaults().withMethod(Method.JOINT);
        Image plain = ColorTransfer.match(SOURCE, REFERENCE, o);
        Image regrained = ColorTransfer.match(SOURCE, REFERENCE, o.withRegrain(true));
        double before = ImageMetrics.ssimLuminance(plain, SOURCE);
        double after = ImageMetrics.ssimLuminance(regrained, SOURCE);
        // a real gain, not rounding noise: at least 0.03 of SSIM
        assertTrue(after > before + 0.03, before + " -> " + after);
        // and the colours still move towards the reference
        assertTrue(sliced(regrained) < 0.5 * sliced(SOURCE));
    }

    @Test
    void resultsAreIdenticalForAnyThreadCount() throws Exception {
        // 256 x 256 pixels: at the parallel threshold, so the blocks really run on the pools
        Image s = Photos.read("astronaut.png", 2);
        Image r = Photos.read("chelsea.png", 2);
        TransferOptions o = TransferOptions.defaults().withMethod(Method.JOINT).withIterations(5).withRegrain(true)
            .withSeed(42);
        Image one = new ForkJoinPool(1).submit(() -> ColorTransfer.match(s, r, o)).get();
        Image four = new ForkJoinPool(4).submit(() -> ColorTransfer.match(s, r, o)).get();
        assertEquals(one, four);
        assertEquals(one, ColorTransfer.match(s, r, o));
        Image otherSeed = ColorTransfer.match(s, r, o.withSeed(43));
        assertTrue(!one.equals(otherSeed), "the seed drives the rotations");
    }
}
