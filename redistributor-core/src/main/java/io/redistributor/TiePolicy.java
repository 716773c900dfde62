package io.redistributor;

/**
 * What a {@link LearnedDistribution} does when several lattice points hold the same value, as
 * happens with 8-bit images, counts and rounded measurements.
 *
 * <p>A worked example: the data {1, 2, 2, 2, 3} with bins = 5 has the lattice probabilities
 * 1/6, 2/6, 3/6, 4/6, 5/6 at the values 1, 2, 2, 2, 3.
 * <ul>
 *   <li>{@link #MIDPOINT}: cdf(2) = (2/6 + 4/6) / 2 = 1/2, the middle of the mass of 2; cdf(1.5)
 *       interpolates between (1, 1/6) and (2, 2/6); cdf(2.5) between (2, 4/6) and (3, 5/6).
 *       Every 2 maps to the same output, and the map stays monotone.</li>
 *   <li>{@link #JITTER}: the repeated lattice values are moved by seeded uniform noise smaller than
 *       half the smallest gap between distinct lattice values (the reference implementation's
 *       {@code make_unique}), for example to 1, 1.93, 2, 2.41, 3; then cdf is strictly
 *       increasing on the lattice. Equal inputs still give equal outputs, but the values 2 now
 *       spread over the jittered lattice.</li>
 *   <li>{@link #ERROR}: fitting fails with an {@link IllegalArgumentException} that names the
 *       repeated value and how many lattice points hold it.</li>
 * </ul>
 */
public enum TiePolicy {
    /** A repeated value maps to the middle of its probability mass (the default; deterministic). */
    MIDPOINT,
    /** Repeated lattice values are made distinct by seeded noise, as in the reference. */
    JITTER,
    /** Repeated lattice values are refused. */
    ERROR
}
