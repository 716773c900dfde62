package io.redistributor;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;

/** Argument checks with messages that name the argument, the value and the rule. */
final class Checks {
    private Checks() {
    }

    /**
     * Builds an exception for an argument that breaks a rule.
     *
     * @param name argument name
     * @param value offending value
     * @param rule the rule, e.g. "must be > 0"
     * @return the exception to throw
     */
    static IllegalArgumentException error(String name, Object value, String rule) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "%s (%s) %s", name, format(value), rule));
    }

    static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return String.valueOf(value);
        }
        return String.valueOf(value);
    }

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    static void ranges(int srcLength, int srcPos, int dstLength, int dstPos, int length) {
        if (length < 0 || srcPos < 0 || dstPos < 0 || srcPos > srcLength - length || dstPos > dstLength - length) {
            throw new IndexOutOfBoundsException(String.format(Locale.ROOT,
                "range [%d, %d) of an array of length %d into [%d, %d) of an array of length %d",
                srcPos, (long) srcPos + length, srcLength, dstPos, (long) dstPos + length, dstLength));
        }
    }

    static void range(int arrayLength, int pos, int length) {
        ranges(arrayLength, pos, arrayLength, pos, length);
    }

    static double probability(double p) {
        if (p < 0 || p > 1) {
            throw error("p", p, "must be in [0, 1]");
        }
        return p;
    }

    /** Uniform on the open interval (0, 1) with 53 random bits. */
    static double openUnit(UniformRandomProvider rng) {
        return ((rng.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }
}
