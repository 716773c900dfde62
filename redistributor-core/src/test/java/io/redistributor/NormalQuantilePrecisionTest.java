package io.redistributor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The normal quantile against a reference computed here in 60-digit decimal arithmetic: one
 * Newton step z - (Φ(z) - p) / φ(z) from the value under test, with Φ from its Maclaurin series
 * Φ(z) = 1/2 + φ(z) Σ z^(2k+1) / (2k+1)!!, which squares the error of a start that is already
 * within 1e-15, so the reference is good to about 30 digits.
 */
class NormalQuantilePrecisionTest {
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal PI = new BigDecimal(
        "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899863");
    private static final BigDecimal SQRT_2PI = PI.multiply(BigDecimal.valueOf(2)).sqrt(MC);
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal EPSILON = new BigDecimal("1e-70");

    /**
     * Largest error allowed, in ulp of the exact quantile: the grid values carry up to about
     * 2.3 ulp (two Newton steps with Commons Numbers' erf and erfc, limited by their accuracy and
     * by the rounding of z / √2), the series and its sum add up to about 1 ulp, and the largest
     * error observed on this sample is 3.0 ulp (3.0 also with 120-bit mpmath on 20 000 random
     * points). 4 ulp leaves no room for a wrong grid or a missing series term, which show as
     * hundreds of ulp.
     */
    private static final double ULPS = 4;

    private static BigDecimal exp(BigDecimal x) {
        // e^x for x ≥ 0 by its series (all terms positive, no cancellation)
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; term.compareTo(EPSILON) > 0; k++) {
            term = term.multiply(x, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        return sum;
    }

    /** φ(z). */
    private static BigDecimal density(BigDecimal z) {
        return BigDecimal.ONE.divide(exp(z.multiply(z, MC).multiply(HALF, MC)).multiply(SQRT_2PI, MC), MC);
    }

    /** Φ(z) by the Maclaurin series; converges for every z (terms grow to about e^(z²/2), then fall). */
    private static BigDecimal cdf(BigDecimal z) {
        BigDecimal z2 = z.multiply(z, MC);
        BigDecimal term = z;
        BigDecimal sum = z;
        for (int k = 1; term.abs().compareTo(EPSILON) > 0 || k < 10; k++) {
            term = term.multiply(z2, MC).divide(BigDecimal.valueOf(2L * k + 1), MC);
            sum = sum.add(term, MC);
        }
        return HALF.add(density(z).multiply(sum, MC), MC);
    }

    /** Error of NormalQuantile.z(p) in ulp of the exact quantile. */
    private static double ulpError(double p) {
        double z = NormalQuantile.z(p);
        if (p == 0.5) {
            return z == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        BigDecimal start = new BigDecimal(z);
        BigDecimal exact = start.subtract(
            cdf(start).subtract(new BigDecimal(p), MC).divide(density(start), MC), MC);
        return exact.subtract(start, MC).abs().doubleValue() / Math.ulp(exact.doubleValue());
    }

    @Test
    void withinFourUlpOfTheExactQuantile() {
        SplittableRandom rng = new SplittableRandom(2024);
        double worst = 0;
        double worstP = Double.NaN;
        for (int i = 0; i < 1200; i++) {
            double p = switch (i % 6) {
                case 0 -> rng.nextDouble();
                // lower and upper tails down to 2^-32, the grid's end
                case 1 -> Math.scalb(1 + rng.nextDouble(), -2 - rng.nextInt(31));
                case 2 -> 1 - Math.scalb(1 + rng.nextDouble(), -2 - rng.nextInt(31));
                // close to 1/2, where the result is tiny and only relative precision counts
                case 3 -> 0.5 + Math.scalb(rng.nextDouble() - 0.5, -rng.nextInt(40));
                // halfway between grid points, the largest offset the series sees
                case 4 -> Math.scalb(1 + (rng.nextInt(256) + 0.5) / 256, -2 - rng.nextInt(31));
                // grid points themselves: the stored values
                default -> Math.scalb(1 + rng.nextInt(256) / 256.0, -2 - rng.nextInt(31));
            };
            double e = ulpError(p);
            if (e > worst) {
                worst = e;
                worstP = p;
            }
        }
        assertTrue(worst <= ULPS, "largest error " + worst + " ulp at p = " + worstP);
    }

    @Test
    void farTailsByAs241WithinSixUlp() {
        // below 2^-32 the quantile is Wichura's AS 241 alone, accurate to about 1e-16 relative;
        // 4.7 ulp is the largest error seen with 120-bit mpmath, so 6 ulp is its bound here
        SplittableRandom rng = new SplittableRandom(77);
        for (int i = 0; i < 100; i++) {
            double p = Math.scalb(1 + rng.nextDouble(), -33 - rng.nextInt(60));
            assertTrue(ulpError(p) <= 6, "p = " + p + ": " + ulpError(p) + " ulp");
        }
    }

    @Test
    void exactAtOneHalfAndAntisymmetricOnTheGrid() {
        assertEquals(0.0, NormalQuantile.z(0.5));
        for (int e = -32; e <= -2; e++) {
            for (int m = 0; m < 256; m += 17) {
                double p = Math.scalb(1 + m / 256.0, e);
                assertEquals(-NormalQuantile.z(p), NormalQuantile.z(1 - p), 0.0, "p = " + p);
            }
        }
    }
}
