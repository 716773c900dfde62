package io.redistributor.image;

/** The colour transfer method of {@link ColorTransfer}. */
public enum Method {
    /**
     * Redistributes each channel of the chosen {@link Space} independently: the source channel's
     * learned distribution is mapped onto the reference channel's (the reference method of the
     * Redistributor paper). Exact and fast, but blind to correlations between channels.
     */
    PER_CHANNEL,
    /**
     * Iterative distribution transfer (Pitié, Kokaram and Dahyot 2005/2007): repeated 1-D
     * redistributions along rotated axes until the 3-D colour distribution matches the
     * reference's. Seeded random or fixed rotations ({@link TransferOptions#rotations()}); see
     * {@link TransferOptions#iterations()} for the stopping rule.
     */
    JOINT,
    /**
     * Reinhard et al. 2001: per channel, shift and scale to the reference's mean and standard
     * deviation (classically in Ruderman lαβ).
     */
    REINHARD,
    /**
     * Monge–Kantorovich linear transfer (Pitié and Kokaram 2007): the affine map that takes the
     * source's mean and covariance to the reference's with the least displacement.
     */
    MKL
}
