package io.redistributor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The normal quantile (grid table and Taylor series, Wichura's AS 241 below 2^-32) against Commons
 * Statistics' normal quantile, the independent reference; {@link NormalQuantilePrecisionTest}
 * checks it against exact values.
 */
class NormalQuantileTest {
    /**
     * Largest relative difference allowed: the quantile is within 4 ulp of exact (6 ulp for AS 241
     * in the far tails) and Commons Statistics within a few ulp; 9.3e-16 was observed (1.07e-15
     * with AS 241 everywhere),
     * so 2e-15 (9 ulp) leaves room for a JDK whose Math.log rounds differently, while a wrong
     * coefficient or grid value shows as 1e-8 or worse.
     */
    private static final double RELATIVE = 2e-15;

    private static final NormalDistribution REFERENCE = NormalDistribution.of(0, 1);

    private static double relativeError(double p) {
        double e = REFERENCE.inverseCumulativeProbability(p);
        double a = NormalQuantile.z(p);
        return e == 0 ? Math.abs(a) : Math.abs(a - e) / Math.abs(e);
    }

    @Test
    void agreesWithCommonsOverTheWholeRange() {
        SplittableRandom rng = new SplittableRandom(7);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            double p = switch (i % 4) {
                case 0 -> rng.nextDouble();
                // lower tail down to 1e-323
                case 1 -> Math.pow(10, -323 * rng.nextDouble());
                // upper tail: 1 - p down to 2^-53
                case 2 -> 1 - Math.scalb(1.0, -1 - rng.nextInt(53)) * (1 + rng.nextDouble()) / 2;
                // the joins of the three approximations, |p - 0.5| = 0.425 and r = 5
                default -> (i % 8 == 3 ? 0.075 : Math.exp(-25)) * (1 + (rng.nextDouble() - 0.5) * 1e-3);
            };
            if (p > 0 && p < 1) {
                worst = Math.max(worst, relativeError(p));
            }
        }
        for (double p : new double[] {Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 0.5, 0x1.fffffffffffffp-1}) {
            worst = Math.max(worst, relativeError(p));
        }
        assertTrue(worst <= RELATIVE, "largest relative error " + worst);
    }

    @Test
    void endsAndNaN() {
        assertEquals(Double.NEGATIVE_INFINITY, NormalQuantile.z(0));
        assertEquals(Double.POSITIVE_INFINITY, NormalQuantile.z(1));
        assertEquals(0.0, NormalQuantile.z(0.5));
        assertTrue(Double.isNaN(NormalQuantile.z(Double.NaN)));
    }

    @Test
    void antisymmetric() {
        // p = k / 2^20 and 1 - p are both exact, and the algorithm works on min(p, 1 - p)
        for (int k = 1; k < 1 << 20; k += 997) {
            double p = k * 0x1p-20;
            assertEquals(-NormalQuantile.z(p), NormalQuantile.z(1 - p), 0.0, "p = " + p);
        }
    }

    @Test
    void parametricScalarAndBulkAgreeBitForBit() {
        ParametricDistribution d = ParametricDistribution.normal(3, 2);
        SplittableRandom rng = new SplittableRandom(11);
        double[] p = new double[10_000];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % 100 == 0 ? Math.pow(10, -300 * rng.nextDouble()) : rng.nextDouble();
        }
        p[1] = 0;
        p[2] = 1;
        p[3] = Double.NaN;
        double[] bulk = d.quantile(p);
        float[] pf = new float[p.length];
        float[] bulkF = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            pf[i] = (float) p[i];
        }
        d.quantile(pf, 0, bulkF, 0, p.length);
        NormalDistribution reference = NormalDistribution.of(3, 2);
        for (int i = 0; i < p.length; i++) {
            assertEquals(d.quantile(p[i]), bulk[i], 0.0, "p = " + p[i]);
            assertEquals((float) d.quantile(pf[i]), bulkF[i], 0.0f, "float p = " + pf[i]);
            if (p[i] > 0 && p[i] < 1) {
                double e = reference.inverseCumulativeProbability(p[i]);
                // mean + sd z adds one rounding of the sum to the quantile's error; 1e-12 is the
                // conformance tolerance
                assertEquals(e, bulk[i], 1e-12 * Math.max(1, Math.abs(e)), "p = " + p[i]);
            }
        }
    }

    @Test
    void bulkInPlaceAndAcrossBatchesMatchesTheScalarForm() {
        // 1500 values span three batches of 512 with a partial last one; every 7th value lies
        // in a far tail (AS 241), and 0, 1 and NaN sit at batch boundaries
        ParametricDistribution d = ParametricDistribution.normal(-1, 0.5);
        SplittableRandom rng = new SplittableRandom(5);
        double[] p = new double[1500];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % 7 == 0 ? Math.scalb(rng.nextDouble(), -40) : rng.nextDouble();
        }
        p[511] = 0;
        p[512] = 1;
        p[1024] = Double.NaN;
        double[] x = p.clone();
        d.quantile(x, 0, x, 0, x.length);
        for (int i = 0; i < p.length; i++) {
            assertEquals(d.quantile(p[i]), x[i], 0.0, "p = " + p[i]);
        }
    }

    @Test
    void bulkRejectsProbabilitiesOutsideTheUnitInterval() {
        ParametricDistribution d = ParametricDistribution.standardNormal();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> d.quantile(new double[] {0.5, 1.5}));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }
}
