package io.redistributor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import java.util.Arrays;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** Wasserstein-1 distances against hand computations, closed forms and SciPy. */
class WassersteinTest {

    @Test
    void handComputedSamples() {
        // F_x steps to 1/2 at 0 and 1 at 1; G_y to 1 at 0.5: |F - G| is 1/2 on [0, 1), length 1
        assertEquals(0.5, Wasserstein.distance(new double[] {0, 1}, new double[] {0.5}), 1e-15);
        // Quantile domain: |0 - 1| on [0, 1/2], |2 - 1| on [1/2, 2/3], |2 - 4| on [2/3, 1]: 1/2 + 1/6 + 2/3
        assertEquals(4.0 / 3, Wasserstein.distance(new double[] {2, 0}, new double[] {1, 4, 1}), 1e-15);
        assertEquals(4.0 / 3, Wasserstein.distance(new double[] {1, 4, 1}, new double[] {2, 0}), 1e-15);
        assertEquals(0, Wasserstein.distance(new double[] {3, 1, 2}, new double[] {1, 2, 3, 3, 2, 1}));
        assertEquals(2.5, Wasserstein.distance(new double[] {7}, new double[] {4.5}));
    }

    @Test
    void shiftedSamplesAreTheShiftApart() {
        double[] x = ParametricDistribution.of("gamma", 2, 3).sample(1001, 5);
        double[] y = Arrays.stream(x).map(v -> v + 0.75).toArray();
        // Each shifted value carries one rounding of x + 0.75 (below 2^-52 * 64, the largest value
        // being < 64), so the mean of the gaps is within 1e-14 of the shift.
        assertTrue(Arrays.stream(x).max().orElseThrow() < 64);
        assertEquals(0.75, Wasserstein.distance(x, y), 1e-14);
        assertEquals(0.75, Wasserstein.distance(y, x), 1e-14);
    }

    @Test
    void matchesScipyForTwoSamples() {
        for (JsonNode c : ScipyReference.cases("w2")) {
            double expected = c.get("w1").doubleValue();
            double actual = Wasserstein.distance(ScipyReference.doubles(c.get("x")), ScipyReference.doubles(c.get("y")));
            // Both sum a few hundred exactly weighted gaps; their roundings differ by < 1e-13 relative.
            assertEquals(expected, actual, 1e-13 * expected, ScipyReference.describe(c));
        }
    }

    @Test
    void matchesScipyQuadratureForASampleAndADistribution() {
        for (JsonNode c : ScipyReference.cases("w1")) {
            double expected = c.get("w1").doubleValue();
            double actual = Wasserstein.distance(ScipyReference.doubles(c.get("x")), ScipyReference.distribution(c));
            // SciPy's adaptive quadrature was asked for 1e-13 relative; the documented bound of
            // this method is 1e-12 relative.
            assertEquals(expected, actual, 1e-12 * expected, ScipyReference.describe(c));
        }
    }

    @Test
    void singlePointAgainstClosedForms() {
        NormalDistribution z = NormalDistribution.of(0, 1);
        for (double c : new double[] {-3, -0.4, 0, 1.3, 6}) {
            // E|c - Z| = c (2 Phi(c) - 1) + 2 phi(c)
            double normal = c * (2 * z.cumulativeProbability(c) - 1) + 2 * z.density(c);
            // quadrature error bound: 1e-12 relative (class documentation)
            assertEquals(normal, Wasserstein.distance(new double[] {c}, ParametricDistribution.standardNormal()),
                1e-12 * normal, "normal at " + c);
            double m = 1.7;
            // X exponential with mean m, c >= 0: E|c - X| = c - m + 2 m exp(-c / m)
            double expo = Math.abs(c) - m + 2 * m * Math.exp(-Math.abs(c) / m);
            assertEquals(expo, Wasserstein.distance(new double[] {Math.abs(c)}, ParametricDistribution.exponential(m)),
                1e-12 * expo, "exponential at " + Math.abs(c));
        }
        // U(0, 1): E|c - U| = c^2 - c + 1/2 inside, |c - 1/2| outside
        assertEquals(0.25, Wasserstein.distance(new double[] {0.5}, ParametricDistribution.uniform(0, 1)), 1e-14);
        assertEquals(0.3 * 0.3 - 0.3 + 0.5, Wasserstein.distance(new double[] {0.3}, ParametricDistribution.uniform(0, 1)),
            1e-14);
        assertEquals(1.5, Wasserstein.distance(new double[] {2}, ParametricDistribution.uniform(0, 1)), 1e-14);
    }

    /**
     * For Z ~ N(0, 1), ∫ over [a, b] of Q(u) du = φ(Q(a)) − φ(Q(b)); so each cell of
     * ∫ |x₍ᵢ₎ − Q(u)| du has a closed form once split at u* = Φ(x₍ᵢ₎).
     */
    private static double normalClosedForm(double[] sample) {
        NormalDistribution z = NormalDistribution.of(0, 1);
        double[] x = sample.clone();
        Arrays.sort(x);
        int n = x.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double a = (double) i / n;
            double b = (double) (i + 1) / n;
            double s = Math.min(b, Math.max(a, z.cumulativeProbability(x[i])));
            double phiA = i == 0 ? 0 : z.density(z.inverseCumulativeProbability(a));
            double phiS = z.density(z.inverseCumulativeProbability(s));
            double phiB = i == n - 1 ? 0 : z.density(z.inverseCumulativeProbability(b));
            // below u*: x - Q; above: Q - x
            total += x[i] * (s - a) - (phiA - phiS) + (phiS - phiB) - x[i] * (b - s);
        }
        return total;
    }

    @Test
    void largeSampleAgainstTheNormalClosedForm() {
        // n = 10^5 exercises the 2-, 3- and 5-point rules and tanh-sinh (cells from 0 to 50000
        // cell lengths away from the ends).
        double[] x = ParametricDistribution.normal(0.01, 1.02).sample(100_000, 4);
        double expected = normalClosedForm(x);
        // The closed form subtracts densities of neighbouring cells, losing up to 1e-11 relative
        // per cell of 1e-5; the errors are not systematic, so 1e-11 relative bounds the total.
        assertEquals(expected, Wasserstein.distance(x, ParametricDistribution.standardNormal()), 1e-11 * expected);
    }

    @Test
    void learnedTargetIsExact() {
        // fit {0, 1, 2} with 3 bins: Q = 0 on [0, 1/4], 4 (u - 1/4) on [1/4, 3/4], 2 on [3/4, 1].
        LearnedDistribution d = LearnedDistribution.fit(new double[] {0, 1, 2});
        // "exact up to rounding": the pieces are summed with a few roundings of about 1e-16 each
        // {1}: 1/4 + two triangles of base 1/4 and height 1 + 1/4 = 3/4
        assertEquals(0.75, Wasserstein.distance(new double[] {1}, d), 1e-14);
        // {0, 2}: cells [0, 1/2] at 0 and [1/2, 1] at 2: each 1/4 * 0 + triangle 1/4 -> total 1/4
        assertEquals(0.25, Wasserstein.distance(new double[] {2, 0}, d), 1e-14);
        // {5}: beyond the support, every u contributes 5 - Q(u): 5 - mean (1)
        assertEquals(4, Wasserstein.distance(new double[] {5}, d), 1e-14);
    }

    @Test
    void shiftingSampleAndTargetTogetherChangesNothing() {
        double[] x = ParametricDistribution.normal(0.2, 1.3).sample(300, 11);
        double[] shifted = Arrays.stream(x).map(v -> v + 4).toArray();
        double base = Wasserstein.distance(x, ParametricDistribution.normal(0, 1));
        // shifting both by 4 changes only roundings of about 1e-15 per value
        assertEquals(base, Wasserstein.distance(shifted, ParametricDistribution.normal(4, 1)), 1e-12);
    }

    @Test
    void heavyTailedTargetsAreInfinitelyFar() {
        assertEquals(Double.POSITIVE_INFINITY, Wasserstein.distance(new double[] {0, 1}, ParametricDistribution.of("cauchy")));
        assertEquals(Double.POSITIVE_INFINITY, Wasserstein.distance(new double[] {2}, ParametricDistribution.of("pareto", 1, 1)));
    }

    @Test
    void badInputIsRefusedAndInputIsNotModified() {
        double[] x = {3, 1, 2};
        double[] copy = x.clone();
        Wasserstein.distance(x, new double[] {0, 5});
        Wasserstein.distance(x, ParametricDistribution.standardNormal());
        assertArrayEquals(copy, x);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
            () -> Wasserstein.distance(new double[] {1, Double.NaN}, new double[] {1}));
        assertTrue(nan.getMessage().contains("x[1] (NaN)"), nan.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
            () -> Wasserstein.distance(new double[] {1}, new double[] {Double.NEGATIVE_INFINITY}));
        assertTrue(inf.getMessage().contains("y[0] (-Infinity)"), inf.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Wasserstein.distance(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class,
            () -> Wasserstein.distance(new double[0], ParametricDistribution.standardNormal()));
        assertThrows(IllegalArgumentException.class, () -> Wasserstein.distance(x, (double[]) null));
    }
}
