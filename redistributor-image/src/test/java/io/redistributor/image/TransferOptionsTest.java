package io.redistributor.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.ParametricDistribution;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TransferOptionsTest {

    private static void refused(String expected, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(expected), x.getMessage());
    }

    @Test
    void badOptionsNameTheArgumentAndTheRule() {
        TransferOptions d = TransferOptions.defaults();
        refused("strength (NaN) must be in [0, 1]", () -> d.withStrength(Double.NaN));
        refused("strength (1.5)", () -> d.withStrength(1.5));
        refused("iterations (0) must be >= 1", () -> d.withIterations(0));
        refused("tolerance (-1.0) must be >= 0", () -> d.withTolerance(-1));
        refused("ties (RANDOM) needs method PER_CHANNEL and space RGB",
            () -> d.withMethod(Method.PER_CHANNEL).withSpace(Space.LAB).withTies(TieOrder.RANDOM));
        refused("must not be null", () -> d.withMethod(null));
        refused("must not be null", () -> d.withRotations(null));
    }

    @Test
    void withCopiesChangeOneField() {
        TransferOptions d = TransferOptions.defaults();
        TransferOptions o = d.withSeed(9).withIterations(3).withRegrain(true);
        assertEquals(9, o.seed());
        assertEquals(3, o.iterations());
        assertTrue(o.regrain());
        assertEquals(d.method(), o.method());
        assertEquals(TieOrder.NONE, d.withMethod(Method.PER_CHANNEL).withTies(TieOrder.RANDOM)
            .withMethod(Method.JOINT).ties());
    }

    @Test
    void badTransferArgumentsAreRefused() {
        Image img = PerChannelTest.random(5, 5, 8, 1, 0, 255);
        refused("source must not be null", () -> ColorTransfer.match(null, img, TransferOptions.defaults()));
        refused("targets (1) must give one distribution per channel (3)", () -> ColorTransfer.toTargets(img,
            List.of(ParametricDistribution.uniform(0, 1)), TransferOptions.defaults().withMethod(Method.PER_CHANNEL)));
        refused("method (JOINT) must be PER_CHANNEL", () -> ColorTransfer.toTargets(img,
            List.of(ParametricDistribution.uniform(0, 1)), TransferOptions.defaults().withMethod(Method.JOINT)));
        refused("bitDepth (12) must be 8 or 16", () -> Image.of(1, 1, 12, new short[][] {{0}}, null));
        refused("image size (0 x 3)", () -> Image.of(0, 3, 8, new short[][] {{}}, null));
        refused("colour[0][0] (300) must be <= 255", () -> Image.of(1, 1, 8, new short[][] {{300}}, null));
    }
}
