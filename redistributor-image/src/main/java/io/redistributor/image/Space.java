package io.redistributor.image;

/**
 * The colour space in which a transfer works. Conversions start from the stored samples scaled to
 * [0, 1] and treated as sRGB; results are converted back, rounded and clipped to the sample range.
 * Grey images have one channel and ignore the space.
 *
 * <p>Channel scales (which matter for parametric per-channel targets and for metrics):
 * <ul>
 *   <li>{@link #RGB}: R, G, B in [0, 1].</li>
 *   <li>{@link #LAB}: CIE L* in [0, 100], a*, b* roughly in [-128, 128]; D65 white, sRGB primaries.</li>
 *   <li>{@link #YCBCR}: full-range BT.601 Y in [0, 1], Cb and Cr in [-0.5, 0.5].</li>
 *   <li>{@link #LALPHABETA}: Ruderman's lαβ of log10 cone responses (Reinhard et al. 2001),
 *       computed from linear sRGB with cone responses floored at 1e-4 so black stays finite.</li>
 * </ul>
 */
public enum Space {
    /** The stored RGB values. */
    RGB,
    /** CIELAB (D65). */
    LAB,
    /** Full-range BT.601 YCbCr. */
    YCBCR,
    /** Ruderman lαβ. */
    LALPHABETA
}
