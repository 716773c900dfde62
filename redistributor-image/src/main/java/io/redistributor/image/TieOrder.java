package io.redistributor.image;

/**
 * How {@link Method#PER_CHANNEL} orders pixels that share a sample value.
 *
 * <p>With {@link #NONE} every pixel of one value maps to the same output value (the core's
 * {@code TiePolicy.MIDPOINT}: the middle of the value's probability mass), so the output
 * histogram can only approximate the target's: a level holding 10% of the pixels stays one
 * level. The other orders perform exact histogram specification: the pixels are sorted by value
 * and then by a secondary key, and handed out to the target's levels in that order, so the
 * output histogram equals the target's exactly (up to rounding of the target's counts to the
 * pixel count).
 */
public enum TieOrder {
    /** Equal values map together (continuous redistribution, core midpoint ties). */
    NONE,
    /** Exact specification; equal values ordered by a seeded random permutation. */
    RANDOM,
    /**
     * Exact specification; equal values ordered by the mean of their 3 × 3 and then 5 × 5
     * neighbourhoods (Coltuc, Bolon and Chassery 2006), remaining ties by pixel position.
     */
    LOCAL_MEAN
}
