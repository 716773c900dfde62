package io.redistributor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import org.junit.jupiter.api.Test;

/** Kolmogorov–Smirnov results against hand computations, exact small cases and SciPy. */
class KolmogorovSmirnovDiagnosticsTest {

    @Test
    void oneSampleStatisticByHand() {
        // U(0, 1): D+ = max(i/3 - x_i) = 1/3 - 0.1; D- = max(x_i - (i - 1)/3) = 0.9 - 2/3; both 7/30
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(new double[] {0.5, 0.9, 0.1},
            ParametricDistribution.uniform(0, 1));
        assertEquals(7.0 / 30, r.statistic(), 1e-15);
        assertFalse(r.significantTies());
    }

    @Test
    void oneSampleExtremePValueHasAClosedForm() {
        // For d >= max(1/2, 1 - 1/n) only the j = 0 term of the Birnbaum-Tingey sum remains:
        // P(D+ >= d) = (1 - d)^n, and P(D >= d) = 2 (1 - d)^n.
        double[] x = {0.95, 0.97, 0.99};
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(x, ParametricDistribution.uniform(0, 1));
        assertEquals(0.95, r.statistic(), 1e-15);
        // relative 1e-9: the exact method sums a series; a few ulp per term on a p near 2.5e-4
        assertEquals(2 * Math.pow(0.05, 3), r.pValue(), 2.5e-4 * 1e-9);
    }

    @Test
    void twoSampleExactPValuesByCounting() {
        // Completely separated samples: D = 1, reached by 2 of the C(n + m, n) orderings.
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(new double[] {1, 2, 3}, new double[] {6, 5, 4});
        assertEquals(1, r.statistic());
        assertEquals(2.0 / 20, r.pValue(), 1e-15);
        KolmogorovSmirnov.Result r2 = KolmogorovSmirnov.test(new double[] {1, 2, 3, 4}, new double[] {5, 6});
        assertEquals(2.0 / 15, r2.pValue(), 1e-15);
    }

    @Test
    void matchesScipy() {
        for (JsonNode c : ScipyReference.cases("ks1")) {
            KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(ScipyReference.doubles(c.get("x")),
                ScipyReference.distribution(c));
            // D is a max of differences of doubles: equal to a few ulp. Both p-values are exact
            // computations by different algorithms: 1e-12 relative.
            assertEquals(c.get("statistic").doubleValue(), r.statistic(), 1e-15, ScipyReference.describe(c));
            assertEquals(c.get("pvalue").doubleValue(), r.pValue(), 1e-12 * c.get("pvalue").doubleValue(),
                ScipyReference.describe(c));
        }
        boolean sawTies = false;
        for (JsonNode c : ScipyReference.cases("ks2")) {
            KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(ScipyReference.doubles(c.get("x")),
                ScipyReference.doubles(c.get("y")));
            assertEquals(c.get("statistic").doubleValue(), r.statistic(), 1e-15, ScipyReference.describe(c));
            assertEquals(c.get("pvalue").doubleValue(), r.pValue(), 1e-12 * c.get("pvalue").doubleValue(),
                ScipyReference.describe(c));
            sawTies |= r.significantTies();
        }
        assertTrue(sawTies, "the rounded case has ties between the samples that can change D");
    }

    @Test
    void infinitiesAreAllowedAndNanIsRefused() {
        KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(new double[] {Double.NEGATIVE_INFINITY, 0, Double.POSITIVE_INFINITY},
            ParametricDistribution.standardNormal());
        // cdf values 0, 1/2, 1 against steps 1/3, 2/3, 1: D = 1/3
        assertEquals(1.0 / 3, r.statistic(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> KolmogorovSmirnov.test(new double[] {1, 2, Double.NaN}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("x[2] is NaN"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> KolmogorovSmirnov.test(new double[] {1, 2}, new double[] {Double.NaN, 1}))
            .getMessage().contains("y[0]"));
        assertThrows(IllegalArgumentException.class,
            () -> KolmogorovSmirnov.test(new double[] {1}, ParametricDistribution.standardNormal()));
        assertThrows(IllegalArgumentException.class,
            () -> KolmogorovSmirnov.test(new double[0], new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> KolmogorovSmirnov.test(new double[] {1, 2}, (double[]) null));
    }

    @Test
    void valuesOutsideABoundedLearnedSupportAreRefused() {
        LearnedDistribution d = LearnedDistribution.fitter().withLower(0).withUpper(10).fit(new double[] {1, 2, 3, 4});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> KolmogorovSmirnov.test(new double[] {1, 11}, d));
        assertTrue(e.getMessage().contains("outside the distribution's support"), e.getMessage());
    }

    @Test
    void inputIsNotModified() {
        double[] x = {3, 1, 2, 0.5};
        double[] y = {2, 9, 4};
        KolmogorovSmirnov.test(x, ParametricDistribution.standardNormal());
        KolmogorovSmirnov.test(x, y);
        assertArrayEquals(new double[] {3, 1, 2, 0.5}, x);
        assertArrayEquals(new double[] {2, 9, 4}, y);
    }
}
