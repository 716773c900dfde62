package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The formatter's text must read back, through the JDK's correctly rounded
 * {@link Double#parseDouble} and through {@link NumberParser}, to exactly the double written.
 * Its digits must be the shortest: checked against the JDK's {@code Double.toString}, which
 * renders the shortest, closest digits since JDK 19 (on older runtimes, whose text is sometimes
 * longer, only "never longer" is checked), and against an independent brute force with
 * {@link BigDecimal} (rounding the exact value to 1, 2, … significant digits until one reads back).
 * As in {@code Double.toString}, one and two digits count as equally short: where a one-digit
 * decimal reads back, the closest decimal of one or two digits is written (9.9E-323 rather than
 * 1.0E-322 for 20 × {@link Double#MIN_VALUE}).
 */
class NumberFormatterTest {
    private static final boolean SHORTEST_JDK = Runtime.version().feature() >= 19;
    private final byte[] buf = new byte[64];

    private String format(double v) {
        int end = NumberFormatter.write(v, buf, 0);
        assertTrue(end <= NumberFormatter.MAX_LENGTH, () -> v + " took " + end + " bytes");
        return new String(buf, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** Round trip through both parsers, and the digits against the JDK's. */
    private void check(double v) {
        String s = format(v);
        if (Double.isNaN(v)) {
            // Every NaN bit pattern is written NaN; the payload is not kept (a CSV cell has no payload).
            assertEquals("NaN", s);
            return;
        }
        assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(s)),
            () -> v + " written as " + s);
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(NumberParser.parse(b, 0, b.length)),
            () -> v + " written as " + s + " and read by NumberParser");
        if (Double.isFinite(v) && v != 0) {
            BigDecimal mine = new BigDecimal(s).stripTrailingZeros();
            BigDecimal jdk = new BigDecimal(Double.toString(v)).stripTrailingZeros();
            if (Math.abs(v) < 3 * Double.MIN_VALUE) {
                // The two smallest subnormals get two digits, as in Double.toString (4.9E-324, 9.9E-324).
                assertEquals(2, mine.precision(), () -> v + " written as " + s);
            } else if (SHORTEST_JDK) {
                assertEquals(0, mine.compareTo(jdk), () -> v + " written as " + s + ", the JDK writes " + jdk);
            } else {
                // One and two digits count alike (see the class comment of NumberFormatter).
                assertTrue(Math.max(2, mine.precision()) <= Math.max(2, jdk.precision()),
                    () -> v + " written as " + s + ", longer than " + jdk);
            }
        }
    }

    @Property(tries = 20_000)
    void everyBitPatternRoundTripsWithTheShortestDigits(@ForAll long bits) {
        check(Double.longBitsToDouble(bits));
    }

    @Property(tries = 2_000)
    void subnormalsRoundTripWithTheShortestDigits(@ForAll long bits) {
        check(Double.longBitsToDouble(bits & 0x800F_FFFF_FFFF_FFFFL));
    }

    @Test
    void valuesOfTransformOutputsAndPowersOfTenRoundTrip() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int k = 0; k < 50_000; k++) {
            check(rng.nextGaussian() * Math.pow(10, rng.nextInt(-6, 20)));
        }
        for (int e = -325; e <= 308; e++) {
            double p = Double.parseDouble("1e" + e);
            check(p);
            check(Math.nextUp(p));
            check(Math.nextDown(p));
        }
        for (int e = -1074; e <= 1023; e++) {
            double p = Math.scalb(1.0, e);
            check(p);
            check(Math.nextDown(p));
        }
    }

    @Test
    void edgeCasesRoundTrip() {
        double[] cases = {0.01, Math.nextDown(0.01), Math.nextUp(0.01), 1e17, Math.nextDown(1e17), 1, Math.nextUp(1.0),
            Math.nextDown(1.0), 0.1, 0.2, 0.3, 0.7, 9.999999999999999e16, 1e16, 1e15, 4503599627370496.5,
            9007199254740993.0, 9007199254740992.0, 0.09999999999999999, 0.010000000000000002, 123456789.123456789,
            -0.0, 0.0, Double.MIN_VALUE, 2 * Double.MIN_VALUE, 3 * Double.MIN_VALUE, Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, -2.5, 5e-324, 1e23, 2e23, 8.41e21, 5.0e-324,
            1.0E-5, 2.82879384806159E17, 1.387364135037754E18, 1.45800632428665E17, 1.9400994884341945E25,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : cases) {
            check(v);
            check(-v);
        }
    }

    @Test
    void digitsAreTheShortestThatReadBack() {
        SplittableRandom rng = new SplittableRandom(7);
        List<Double> values = new ArrayList<>();
        for (int k = 0; k < 2_000; k++) {
            values.add(Double.longBitsToDouble(rng.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL));
            values.add(rng.nextGaussian());
        }
        for (double v : values) {
            if (v == 0) {
                continue;
            }
            BigDecimal exact = new BigDecimal(v);
            int shortest = 1;
            while (new BigDecimal(exact.round(new java.math.MathContext(shortest)).toString()).doubleValue() != v) {
                shortest++;
            }
            int digits = shortest;
            String s = format(v);
            assertEquals(Math.max(2, digits), Math.max(2, new BigDecimal(s).stripTrailingZeros().precision()),
                () -> v + " written as " + s);
        }
    }

    @Test
    void layoutIsPlainBetweenAHundredthAndTenToTheSeventeen() {
        assertEquals("0.1", format(0.1));
        assertEquals("1.5", format(1.5));
        assertEquals("-2.25", format(-2.25));
        assertEquals("100", format(100.0));
        assertEquals("123.456", format(123.456));
        assertEquals("0.05", format(0.05));
        assertEquals("0.01", format(0.01));
        assertEquals("14.23", format(14.23));
        assertEquals("1065", format(1065.0));
        assertEquals("10000000000000000", format(1e16));
        assertEquals("0.30000000000000004", format(0.1 + 0.2));
        // each number of places before the point on the branch-free path (0.01 to 10^6) and past it
        assertEquals("0.0123", format(0.0123));
        assertEquals("-0.015625", format(-0.015625));
        assertEquals("0.7109375", format(0.7109375));
        assertEquals("-7.5", format(-7.5));
        assertEquals("71.25", format(71.25));
        assertEquals("716.125", format(716.125));
        assertEquals("7165.0625", format(7165.0625));
        assertEquals("71652.5", format(71652.5));
        assertEquals("716529.75", format(716529.75));
        assertEquals("7165295.5", format(7165295.5));
        assertEquals("100000", format(100000.0));
        assertEquals("1.0E17", format(1e17));
        assertEquals("1.0E-5", format(1e-5));
        assertEquals("-1.2345E20", format(-1.2345e20));
        assertEquals("9.99E-3", format(0.00999));
        assertEquals("4.9E-324", format(Double.MIN_VALUE));
        assertEquals("1.7976931348623157E308", format(Double.MAX_VALUE));
        assertEquals("0.0", format(0.0));
        assertEquals("-0.0", format(-0.0));
    }

    /**
     * The layout of the class comment built independently from the JDK's shortest digits (JDK 19
     * and later): sign, then plain notation for exponents −2 to 16 without trailing zeros and
     * without a point for integers, otherwise d.ddd with at least one digit after the point and
     * E and the exponent. Edge cases (zero, NaN, ±∞) have their own tests.
     */
    private static String layoutOfJdkDigits(double v) {
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int n = digits.length();
        int exp = n - 1 - d.scale();
        StringBuilder b = new StringBuilder(v < 0 ? "-" : "");
        if (exp < -2 || exp > 16) {
            b.append(digits.charAt(0)).append('.').append(n == 1 ? "0" : digits.substring(1)).append('E').append(exp);
        } else if (exp < 0) {
            b.append("0.").append("0".repeat(-exp - 1)).append(digits);
        } else if (n <= exp + 1) {
            b.append(digits).append("0".repeat(exp + 1 - n));
        } else {
            b.append(digits, 0, exp + 1).append('.').append(digits.substring(exp + 1));
        }
        return b.toString();
    }

    /**
     * Byte for byte the text built from the JDK's digits, for a million doubles: random bit patterns
     * of every exponent, random subnormals, transform-like values around zero and near the layout's
     * boundaries, integers near 2^53, and all powers of two and ten with their neighbours.
     */
    @Test
    void sameTextAsTheJdkDigitsInTheLayout() {
        Assumptions.assumeTrue(SHORTEST_JDK, "Double.toString has the shortest digits from JDK 19 on");
        SplittableRandom rng = new SplittableRandom(2026);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            values.add(Double.longBitsToDouble(rng.nextLong() & 0xFFEF_FFFF_FFFF_FFFFL));
            values.add(rng.nextGaussian());
            values.add(Double.longBitsToDouble(rng.nextLong() & 0x800F_FFFF_FFFF_FFFFL));
            values.add(rng.nextGaussian() * 1e-2);
            values.add(rng.nextGaussian() * 1e16);
            values.add(Math.scalb((double) rng.nextLong(1L << 53), rng.nextInt(-60, 60)));
        }
        for (int e = -1074; e <= 1023; e++) {
            double p = Math.scalb(1.0, e);
            values.addAll(List.of(p, Math.nextUp(p), Math.nextDown(p), -Math.nextDown(Math.nextDown(p))));
        }
        for (int e = -323; e <= 308; e++) {
            double p = Double.parseDouble("1e" + e);
            values.addAll(List.of(p, Math.nextUp(p), Math.nextDown(p), -Math.nextUp(Math.nextUp(p))));
        }
        for (long i = (1L << 53) - 100; i < (1L << 53) + 100; i++) {
            values.addAll(List.of((double) i, i + 0.5, -(i - 0.25)));
        }
        values.addAll(List.of(Double.MIN_VALUE, 2 * Double.MIN_VALUE, 3 * Double.MIN_VALUE, Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE));
        for (double v : values) {
            if (Math.abs(v) >= 3 * Double.MIN_VALUE && Double.isFinite(v)) { // the two smallest: see check()
                assertEquals(layoutOfJdkDigits(v), format(v), () -> "bits " + Long.toHexString(Double.doubleToRawLongBits(v)));
            }
        }
    }

    @Test
    void nonFiniteValuesUseTheJdkText() {
        assertEquals("NaN", format(Double.NaN));
        assertEquals("Infinity", format(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", format(Double.NEGATIVE_INFINITY));
    }
}
