package io.redistributor.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearAndJointTest {

    /** n points of a correlated Gaussian: x = mean + A z. */
    static float[][] gaussian(int n, double[] mean, double[] a, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] p = new float[3][n];
        for (int i = 0; i < n; i++) {
            double[] z = new double[3];
            for (int k = 0; k < 3; k++) {
                // Box-Muller
                z[k] = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
            }
            for (int c = 0; c < 3; c++) {
                p[c][i] = (float) (mean[c] + a[3 * c] * z[0] + a[3 * c + 1] * z[1] + a[3 * c + 2] * z[2]);
            }
        }
        return p;
    }

    @Test
    void mklReproducesTheReferenceMeanAndCovariance() {
        float[][] s = gaussian(20000, new double[] {0.2, 0.5, 0.1}, new double[] {0.1, 0, 0, 0.05, 0.02, 0, 0, 0, 0.03}, 1);
        float[][] r = gaussian(15000, new double[] {0.6, 0.3, 0.4}, new double[] {0.02, 0.05, 0.01, 0, 0.1, 0.02, 0.03, 0, 0.04}, 2);
        LinearTransfer.mkl(s, r);
        double[][] ms = LinearTransfer.moments(s);
        double[][] mr = LinearTransfer.moments(r);
        for (int k = 0; k < 3; k++) {
            // the affine map is exact up to float storage of the points (relative 1e-6 of values near 1)
            assertEquals(mr[0][k], ms[0][k], 1e-5);
        }
        for (int k = 0; k < 9; k++) {
            assertEquals(mr[1][k], ms[1][k], 1e-5);
        }
    }

    @Test
    void mklIsTheIdentityOnTheSameDistribution() {
        float[][] s = gaussian(5000, new double[] {0.5, 0.5, 0.5}, new double[] {0.1, 0.02, 0, 0, 0.1, 0.03, 0.01, 0, 0.1}, 3);
        float[][] copy = {s[0].clone(), s[1].clone(), s[2].clone()};
        LinearTransfer.mkl(s, copy);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < s[c].length; i++) {
                assertEquals(copy[c][i], s[c][i], 1e-5);
            }
        }
    }

    @Test
    void reinhardMatchesMeansAndDeviationsPerChannel() {
        float[][] s = gaussian(10000, new double[] {0.2, 0.5, 0.1}, new double[] {0.1, 0, 0, 0, 0.2, 0, 0, 0, 0.05}, 4);
        float[][] r = gaussian(10000, new double[] {0.7, 0.1, 0.3}, new double[] {0.03, 0, 0, 0, 0.02, 0, 0, 0, 0.2}, 5);
        LinearTransfer.reinhard(s, r);
        for (int c = 0; c < 3; c++) {
            double[] a = LinearTransfer.meanSd(s[c]);
            double[] b = LinearTransfer.meanSd(r[c]);
            assertEquals(b[0], a[0], 1e-5);
            assertEquals(b[1], a[1], 1e-5);
        }
    }

    @Test
    void jointTransferMatchesACorrelatedTargetThatPerChannelCannot() {
        // source: independent channels; reference: strongly correlated channels with equal marginals
        float[][] s = gaussian(20000, new double[] {0, 0, 0}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 6);
        double q = Math.sqrt(0.5);
        float[][] r = gaussian(20000, new double[] {0, 0, 0}, new double[] {q, q, 0, q, -q, 0, 0, 0, 1}, 7);
        float[][] perChannel = {s[0].clone(), s[1].clone(), s[2].clone()};
        PerChannel.transfer(perChannel, r, null);
        int iterations = JointTransfer.transfer(s, r, 30, 0, 11);
        assertEquals(30, iterations, "tolerance 0 never stops early");
        double[][] mj = LinearTransfer.moments(s);
        double[][] mp = LinearTransfer.moments(perChannel);
        double[][] mr = LinearTransfer.moments(r);
        // the reference covariance between channels 0 and 1 is 0 here, but between 0±1 ... compare full matrices
        double errJoint = 0;
        double errPer = 0;
        for (int k = 0; k < 9; k++) {
            errJoint += Math.abs(mj[1][k] - mr[1][k]);
            errPer += Math.abs(mp[1][k] - mr[1][k]);
        }
        assertTrue(errJoint < 0.1, "joint covariance error " + errJoint);
        assertTrue(errJoint < errPer + 1e-9, errJoint + " vs " + errPer);
    }

    @Test
    void haltonPointsAreTheRadicalInverses() {
        // van der Corput: 1 -> 0.1, 2 -> 0.01, 3 -> 0.11 in base 2; 3 -> 0.01 in base 3; 7 -> 0.21 in base 5
        assertEquals(0.5, JointTransfer.halton(1, 2));
        assertEquals(0.25, JointTransfer.halton(2, 2));
        assertEquals(0.75, JointTransfer.halton(3, 2));
        assertEquals(1.0 / 9, JointTransfer.halton(3, 3), 1e-15);
        assertEquals(2.0 / 5 + 1.0 / 25, JointTransfer.halton(7, 5), 1e-15);
        double[] r = JointTransfer.rotation(0.3, 0.6, 0.9);
        // a rotation: orthonormal rows
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = r[3 * i] * r[3 * j] + r[3 * i + 1] * r[3 * j + 1] + r[3 * i + 2] * r[3 * j + 2];
                assertEquals(i == j ? 1 : 0, dot, 1e-12);
            }
        }
    }

    @Test
    void stoppingRuleEndsEarlyOnceMatched() {
        float[][] s = gaussian(5000, new double[] {0, 0, 0}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 8);
        float[][] r = gaussian(5000, new double[] {2, 0, 0}, new double[] {1, 0, 0, 0, 2, 0, 0, 0, 1}, 9);
        int used = JointTransfer.transfer(s, r, 50, 0.02, 3);
        assertTrue(used < 50 && used >= 1, "iterations " + used);
    }

    @Test
    void largeInputsGoThroughTheColourLatticeAndStayClose() {
        // more points than the learning sample: the result is interpolated from the moved lattice
        int n = JointTransfer.SAMPLE + 1000;
        float[][] s = gaussian(n, new double[] {0.5, 0.5, 0.5}, new double[] {0.1, 0, 0, 0, 0.1, 0, 0, 0, 0.1}, 10);
        float[][] r = gaussian(20000, new double[] {0.3, 0.6, 0.4}, new double[] {0.05, 0.02, 0, 0, 0.08, 0, 0, 0.01, 0.1}, 11);
        JointTransfer.transfer(s, r, 10, 0, 5);
        double[][] ms = LinearTransfer.moments(s);
        double[][] mr = LinearTransfer.moments(r);
        for (int k = 0; k < 3; k++) {
            // means agree to within a few per cent of the spread (0.1): lattice spacing is 1/32 of the box
            assertEquals(mr[0][k], ms[0][k], 0.01);
        }
    }

    /**
     * Above {@link JointTransfer#SAMPLE} selected pixels an RGB joint transfer reads and writes
     * samples directly; it must give exactly what the float planes give: forward conversion, the
     * joint transfer on the planes, inverse conversion. Also with a source mask.
     */
    @Test
    void jointOnSamplesEqualsTheFloatPlanes() {
        // 640 x 427 = 273280 pixels, just above SAMPLE = 262144
        Image src = Photos.read("rocket.jpg", 1);
        Image ref = Photos.read("coffee.png", 2);
        boolean[] keep = new boolean[src.pixels()];
        for (int i = 0; i < keep.length; i++) {
            // a scattered selection that still exceeds SAMPLE (272 946 pixels)
            keep[i] = i % 1000 != 4;
        }
        assertTrue(src.pixels() > JointTransfer.SAMPLE);
        for (boolean[] mask : new boolean[][] {null, keep}) {
            TransferOptions o = TransferOptions.defaults().withIterations(4).withSeed(3)
                .withMasks(mask == null ? null : Mask.of(src.width(), src.height(), mask), null);
            Image fast = ColorTransfer.match(src, ref, o);
            float[][] s = Colour.forward(src, Space.RGB, mask);
            JointTransfer.transfer(s, Colour.forward(ref, Space.RGB, null), 4, o.tolerance(), 3, Rotations.RANDOM);
            short[][] out = new short[3][];
            for (int c = 0; c < 3; c++) {
                out[c] = src.colourRef()[c].clone();
            }
            Colour.inverse(s, Space.RGB, src.maxValue(), mask == null ? null : Colour.indices(mask), out);
            assertEquals(src.withColour(out), fast);
        }
    }
}
