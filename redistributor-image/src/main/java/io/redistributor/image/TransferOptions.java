package io.redistributor.image;

import java.util.Locale;

/**
 * Options of {@link ColorTransfer#match}. Immutable; change a field with a {@code with…} copy,
 * starting from {@link #defaults()}.
 *
 * @param method the transfer method
 * @param space the colour space the method works in (ignored for grey images)
 * @param regrain whether to restore the source's gradients after the transfer (Pitié et al. 2007)
 * @param strength the blend between source (0) and full transfer (1), in [0, 1]
 * @param sourceMask pixels of the source that define its distribution and that may change; null
 *     for all
 * @param referenceMask pixels of the reference that define its distribution; null for all
 * @param seed the seed of every random choice (rotations of {@link Method#JOINT}, random tie
 *     order); the same inputs and seed give the same output for any number of threads
 * @param iterations the most iterations of {@link Method#JOINT}, at least 1; it stops earlier when
 *     the mean 1-D Wasserstein distance between the source and reference projections on an
 *     iteration's axes falls below {@code tolerance}
 * @param tolerance the early-stopping threshold of {@link Method#JOINT} in units of the space's
 *     scale (0 never stops early); see {@link Space}
 * @param ties how {@link Method#PER_CHANNEL} orders equal sample values; anything but
 *     {@link TieOrder#NONE} requires {@link Space#RGB} and performs exact histogram specification
 * @param rotations how {@link Method#JOINT} chooses its rotations: seeded random or a fixed set
 */
public record TransferOptions(Method method, Space space, boolean regrain, double strength, Mask sourceMask,
                              Mask referenceMask, long seed, int iterations, double tolerance, TieOrder ties,
                              Rotations rotations) {

    private static final TransferOptions DEFAULTS =
        new TransferOptions(Method.JOINT, Space.RGB, false, 1, null, null, 0L, 20, 0.001, TieOrder.NONE,
            Rotations.RANDOM);

    /**
     * Validates the options.
     *
     * @param method the transfer method
     * @param space the colour space
     * @param regrain whether to regrain
     * @param strength the blend in [0, 1]
     * @param sourceMask the source mask or null
     * @param referenceMask the reference mask or null
     * @param seed the seed
     * @param iterations the most joint iterations, at least 1
     * @param tolerance the early-stopping threshold, at least 0
     * @param ties the tie order
     * @param rotations the rotations of the joint transfer
     * @throws IllegalArgumentException if method, space, ties or rotations is null, strength is outside
     *     [0, 1] or NaN, iterations is below 1, tolerance is negative or NaN, or an exact tie order
     *     is combined with another method or space than per-channel RGB
     */
    public TransferOptions {
        if (method == null || space == null || ties == null || rotations == null) {
            throw new IllegalArgumentException("method, space, ties and rotations must not be null");
        }
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "strength (%s) must be in [0, 1]", strength));
        }
        if (iterations < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "iterations (%d) must be >= 1", iterations));
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "tolerance (%s) must be >= 0", tolerance));
        }
        if (ties != TieOrder.NONE && (method != Method.PER_CHANNEL || space != Space.RGB)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "ties (%s) needs method PER_CHANNEL and space RGB (got %s, %s)", ties, method, space));
        }
    }

    /**
     * The defaults: the method and space chosen by measured quality on the sample photos
     * (see docs/images.md), no regrain, strength 1, no masks, seed 0, 20 iterations, tolerance
     * 0.001, no exact tie order, random rotations.
     *
     * @return the default options
     */
    public static TransferOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with another method; an exact tie order is reset to {@link TieOrder#NONE} when the
     * method is not per-channel.
     *
     * @param m the method
     * @return the modified options
     */
    public TransferOptions withMethod(Method m) {
        TieOrder t = m == Method.PER_CHANNEL ? ties : TieOrder.NONE;
        return new TransferOptions(m, space, regrain, strength, sourceMask, referenceMask, seed, iterations,
            tolerance, t, rotations);
    }

    /**
     * A copy with another colour space.
     *
     * @param s the space
     * @return the modified options
     */
    public TransferOptions withSpace(Space s) {
        return new TransferOptions(method, s, regrain, strength, sourceMask, referenceMask, seed, iterations, tolerance,
            ties, rotations);
    }

    /**
     * A copy with regrain switched on or off.
     *
     * @param on whether to regrain
     * @return the modified options
     */
    public TransferOptions withRegrain(boolean on) {
        return new TransferOptions(method, space, on, strength, sourceMask, referenceMask, seed, iterations, tolerance,
            ties, rotations);
    }

    /**
     * A copy with another strength.
     *
     * @param s in [0, 1]
     * @return the modified options
     */
    public TransferOptions withStrength(double s) {
        return new TransferOptions(method, space, regrain, s, sourceMask, referenceMask, seed, iterations, tolerance,
            ties, rotations);
    }

    /**
     * A copy with masks.
     *
     * @param source the source mask or null
     * @param reference the reference mask or null
     * @return the modified options
     */
    public TransferOptions withMasks(Mask source, Mask reference) {
        return new TransferOptions(method, space, regrain, strength, source, reference, seed, iterations, tolerance,
            ties, rotations);
    }

    /**
     * A copy with another seed.
     *
     * @param s the seed
     * @return the modified options
     */
    public TransferOptions withSeed(long s) {
        return new TransferOptions(method, space, regrain, strength, sourceMask, referenceMask, s, iterations,
            tolerance,
            ties, rotations);
    }

    /**
     * A copy with another iteration limit.
     *
     * @param n at least 1
     * @return the modified options
     */
    public TransferOptions withIterations(int n) {
        return new TransferOptions(method, space, regrain, strength, sourceMask, referenceMask, seed, n, tolerance,
            ties, rotations);
    }

    /**
     * A copy with another early-stopping tolerance.
     *
     * @param t at least 0
     * @return the modified options
     */
    public TransferOptions withTolerance(double t) {
        return new TransferOptions(method, space, regrain, strength, sourceMask, referenceMask, seed, iterations, t,
            ties, rotations);
    }

    /**
     * A copy with another tie order (exact histogram specification unless {@link TieOrder#NONE}).
     *
     * @param t the tie order
     * @return the modified options
     */
    public TransferOptions withTies(TieOrder t) {
        return new TransferOptions(method, space, regrain, strength, sourceMask, referenceMask, seed, iterations,
            tolerance, t, rotations);
    }

    /**
     * A copy with another choice of rotations for the joint transfer.
     *
     * @param r seeded random or fixed
     * @return the modified options
     */
    public TransferOptions withRotations(Rotations r) {
        return new TransferOptions(method, space, regrain, strength, sourceMask, referenceMask, seed, iterations,
            tolerance, ties, r);
    }
}
