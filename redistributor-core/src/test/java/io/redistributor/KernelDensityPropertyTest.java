package io.redistributor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Random small inputs: the grid cut equals the literal reference, the precise cdf the direct sum. */
class KernelDensityPropertyTest {

    @Provide
    Arbitrary<List<Double>> data() {
        // a mix of spreads: values on a coarse lattice (ties), moderate and very wide
        Arbitrary<Double> lattice = Arbitraries.integers().between(-5, 5).map(i -> i * 0.5);
        Arbitrary<Double> moderate = Arbitraries.doubles().between(-10, 10);
        Arbitrary<Double> wide = Arbitraries.doubles().between(-1e4, 1e4);
        return Arbitraries.oneOf(lattice, moderate, wide).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 200, seed = "20261127") // fixed seed: the same cases on every run
    void gridAndPreciseCdfMatchTheDirectComputation(@ForAll("data") List<Double> values,
                                                      @ForAll @DoubleRange(min = 0.01, max = 20) double h,
                                                      @ForAll @IntRange(min = 10, max = 300) int grid) {
        double[] x = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] ref = NaiveKernelDensity.referenceGrid(x, h, grid);
        if (ref[0].length < 2) {
            return; // the reference cannot interpolate either; rejection is tested elsewhere
        }
        KernelDensity d = KernelDensity.of(x, h, grid);
        assertEquals(ref[0].length, d.gridUsed(), "grid used");
        assertEquals(ref[0][0], d.supportLower(), 0, "support lower");
        assertEquals(ref[0][ref[0].length - 1], d.supportUpper(), 0, "support upper");
        double[] gp = d.gridProbabilities();
        for (int k = 0; k < gp.length; k++) {
            // the conformance rule: probabilities within 1e-12 absolute
            assertEquals(ref[1][k], gp[k], 1e-12, "grid probability " + k);
        }
        for (int k = 0; k < ref[0].length; k += 7) {
            double q = ref[0][k] + 0.3 * h;
            assertEquals(NaiveKernelDensity.sum(x, h, q, 1) / x.length, d.cdfPrecise(q), 1e-12, "cdf at " + q);
        }
    }
}
