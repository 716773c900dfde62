package io.redistributor;

import static org.junit.jupiter.api.Assertions.fail;

/** Comparisons with the conformance README's tolerances. */
final class Tolerance {
    /** Probabilities: 1e-12 absolute (the README's rule for the reference vectors). */
    static final double PROBABILITY = 1e-12;
    /** Values: 1e-12 relative plus 1e-12 absolute near zero (the README's rule). */
    static final double VALUE = 1e-12;

    private Tolerance() {
    }

    static void probabilities(String what, double[] input, double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isNaN(a)) {
                if (Double.isNaN(e) != Double.isNaN(a)) {
                    fail(what + " at " + input[i] + ": expected " + e + " but was " + a);
                }
                continue;
            }
            if (!(Math.abs(e - a) <= PROBABILITY)) {
                fail(what + " at " + input[i] + ": expected " + e + " but was " + a + " (diff " + (a - e) + ")");
            }
        }
    }

    static void values(String what, double[] input, double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isNaN(a) || Double.isInfinite(e) || Double.isInfinite(a)) {
                if (Double.compare(e, a) != 0) {
                    fail(what + " at " + input[i] + ": expected " + e + " but was " + a);
                }
                continue;
            }
            if (!(Math.abs(e - a) <= VALUE * Math.abs(e) + VALUE)) {
                fail(what + " at " + input[i] + ": expected " + e + " but was " + a + " (diff " + (a - e) + ")");
            }
        }
    }
}
