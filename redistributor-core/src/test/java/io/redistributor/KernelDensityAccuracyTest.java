package io.redistributor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The accelerated kernel sums against direct summation, and the grid cut against the reference
 * algorithm run literally, on data chosen to stress the cells: skew, ties, tight clusters, far
 * outliers, dense cells deep in the tails.
 */
class KernelDensityAccuracyTest {

    /** The required accuracy of every cdf value: 1e-12 absolute (the conformance rule). */
    private static final double ABSOLUTE = 1e-12;
    /**
     * Relative accuracy of tiny tail sums. The sums promise 2^-42 ≈ 2.3e-13; the direct sum is
     * itself only determined to about z²·2^-52 relative (z = (q - x)/h carries a rounding error
     * that Φ amplifies by |z φ/Φ| ≈ z²), up to 3e-13 at |z| ≈ 37; 2e-12 covers both with margin.
     */
    private static final double RELATIVE = 2e-12;

    static Stream<Arguments> datasets() {
        Random r = new Random(20261127);
        double[] normal = new double[2000];
        for (int i = 0; i < normal.length; i++) {
            normal[i] = gauss(r);
        }
        double[] lognormal = new double[1500];
        for (int i = 0; i < lognormal.length; i++) {
            lognormal[i] = Math.exp(1.5 * gauss(r));
        }
        double[] ties = new double[1000];
        for (int i = 0; i < ties.length; i++) {
            ties[i] = r.nextInt(10);
        }
        double[] cluster = new double[1000];
        for (int i = 0; i < cluster.length; i++) {
            cluster[i] = i < 800 ? 1e-9 * gauss(r) : gauss(r);
        }
        double[] outliers = new double[1004];
        for (int i = 0; i < 1000; i++) {
            outliers[i] = gauss(r);
        }
        outliers[1000] = 1e4;
        outliers[1001] = -1e4;
        outliers[1002] = 1e4 + 0.01;
        outliers[1003] = 3e3;
        double[] dense = new double[30000];
        for (int i = 0; i < dense.length; i++) {
            // a block of 5000 points spread over 2h right at the minimum, the rest uniform
            dense[i] = i < 5000 ? 0.004 * r.nextDouble() : r.nextDouble();
        }
        return Stream.of(
            Arguments.of("normal", normal, Bandwidth.SCOTT.of(normal), 2000),
            Arguments.of("lognormal", lognormal, Bandwidth.SILVERMAN.of(lognormal), 1500),
            Arguments.of("ties", ties, 0.3, 1000),
            Arguments.of("tight cluster", cluster, 0.05, 2000),
            Arguments.of("far outliers", outliers, 0.2, 3000),
            Arguments.of("dense", dense, 0.002, 1000));
    }

    private static double gauss(Random r) {
        return r.nextGaussian();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void gridMatchesDirectSums(String name, double[] x, double h, int grid) {
        KernelDensity d = KernelDensity.of(x, h, grid);
        double[] gx = d.gridValues();
        double[] gp = d.gridProbabilities();
        int n = x.length;
        // every grid point for small data; a stride plus both ends for the large set
        int stride = n > 5000 ? 13 : 1;
        for (int k = 0; k < gx.length; k++) {
            if (k % stride != 0 && k > 40 && k < gx.length - 40) {
                continue;
            }
            double lower = NaiveKernelDensity.sum(x, h, gx[k], 1) / n;
            if (!(Math.abs(gp[k] - lower) <= ABSOLUTE)) {
                fail(name + ": grid cdf at " + gx[k] + " is " + gp[k] + ", direct sum " + lower);
            }
            if (lower < 1e-3 && lower > Double.MIN_NORMAL && !(Math.abs(gp[k] - lower) <= RELATIVE * lower)) {
                fail(name + ": tail grid cdf at " + gx[k] + " is " + gp[k] + ", direct sum " + lower);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void sumsMatchDirectSumsAnywhere(String name, double[] x, double h, int grid) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        KernelSums sums = new KernelSums(sorted, h, false);
        KernelDensity d = KernelDensity.of(x, h, grid);
        Random r = new Random(name.hashCode());
        double lo = sorted[0] - 40 * h;
        double span = sorted[sorted.length - 1] + 40 * h - lo;
        for (int i = 0; i < 150; i++) {
            // half the points spread over the whole range, half near data values (inside cells)
            double q = i % 2 == 0 ? lo + span * r.nextDouble() : x[r.nextInt(x.length)] + h * 3 * gauss(r);
            checkSum(name + " lower", q, sums.lowerSum(q), NaiveKernelDensity.sum(x, h, q, 1));
            checkSum(name + " upper", q, sums.upperSum(q), NaiveKernelDensity.sum(x, h, q, -1));
            checkSum(name + " density", q, sums.densitySum(q), NaiveKernelDensity.densitySum(x, h, q));
            double precise = d.cdfPrecise(q);
            double direct = NaiveKernelDensity.sum(x, h, q, 1) / x.length;
            if (!(Math.abs(precise - direct) <= ABSOLUTE)) {
                fail(name + ": cdfPrecise(" + q + ") = " + precise + ", direct " + direct);
            }
            double dens = d.density(q);
            double directDensity = NaiveKernelDensity.densitySum(x, h, q) / x.length / h;
            if (!(Math.abs(dens - directDensity) <= RELATIVE * directDensity)) {
                fail(name + ": density(" + q + ") = " + dens + ", direct " + directDensity);
            }
        }
    }

    private static void checkSum(String what, double q, double fast, double direct) {
        // below MIN_NORMAL the values are subnormal and keep fewer digits; there 1e-300 absolute
        if (!(Math.abs(fast - direct) <= RELATIVE * direct + 1e-300)) {
            fail(what + " at " + q + ": " + fast + " vs direct " + direct + " (rel "
                + (fast - direct) / direct + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void gridCutMatchesTheReferenceAlgorithm(String name, double[] x, double h, int grid) {
        if (x.length > 5000) {
            return; // the literal reference is O(n · grid); the smaller sets cover the rule
        }
        for (int order = 0; order < 2; order++) {
            double[] data = order == 0 ? x : reversed(x);
            KernelDensity d = KernelDensity.of(data, h, grid);
            double[][] ref = NaiveKernelDensity.referenceGrid(data, h, grid);
            assertEquals(ref[0].length, d.gridUsed(), name + " grid used");
            assertEquals(ref[0][0], d.supportLower(), 0, name + " support lower");
            assertEquals(ref[0][ref[0].length - 1], d.supportUpper(), 0, name + " support upper");
            double[] gp = d.gridProbabilities();
            for (int k = 0; k < gp.length; k++) {
                // the reference's plain sum of ≤ 2000 terms is within 2000 · 2^-53 ≈ 2.2e-13 of exact
                assertEquals(ref[1][k], gp[k], ABSOLUTE, name + " grid probability " + k);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void gridIsMonotoneInsideTheUnitInterval(String name, double[] x, double h, int grid) {
        double[] gp = KernelDensity.of(x, h, grid).gridProbabilities();
        for (int k = 0; k < gp.length; k++) {
            assertTrue(gp[k] > 0 && gp[k] < 1, name + " probability " + k + " = " + gp[k]);
            assertTrue(k == 0 || gp[k] >= gp[k - 1], name + " decreases at " + k);
        }
    }

    private static double[] reversed(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[x.length - 1 - i];
        }
        return out;
    }
}
