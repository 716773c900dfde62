package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The CSV number parser must give exactly the double that {@link Double#parseDouble} gives (the
 * independent reference: correctly rounded by the JDK's specification), bit for bit, on every
 * input of the accepted grammar.
 */
class NumberParserTest {

    private static double parse(String s) {
        byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.ISO_8859_1);
        return NumberParser.parse(b, 2, b.length - 2);
    }

    private static void assertSame(String s) {
        double expected = Double.parseDouble(s);
        double actual = parse(s);
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
            () -> s + ": expected " + expected + " but parsed " + actual);
    }

    @Test
    void trickyInputsMatchParseDouble() {
        String[] cases = {
            "0", "-0", "+0", "0.0", "-0.0", "00000.00000", "0e5", "-0e-5", "1", "-1", "+1", "5.", ".5", "-.5",
            "0.1", "0.2", "0.3", "1.1", "123.456", "-123.456789", "3.141592653589793", "2.718281828459045",
            "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
            "18014398509481985", "123456789012345678", "1234567890123456789", "12345678901234567890123",
            "0.000000000000000000000000000001", "1e22", "1e23", "1e-22", "1e-23", "9e22", "9e-22",
            "8.98846567431158e307", "1.7976931348623157e308", "1.7976931348623158e308", "1.8e308", "1e309",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "4.9e-324", "2.4703282292062328e-324",
            "2.4703282292062327e-324", "1e-400", "7.2057594037927933e16", "0.1e1", "10e-1", "1E5", "1e+5",
            "1e-5", "1.000000000000000000000000001", "0.99999999999999999999", "4503599627370496.5",
            "4503599627370497.5", "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124", "5e-324", "123e-20", "123e-25",
            "00123.4500", "1.5e00010", "1.5e-0010", "  42 ", "\t-7.25\t"
        };
        for (String s : cases) {
            assertSame(s);
        }
    }

    @Test
    void randomDecimalStringsMatchParseDouble() {
        SplittableRandom rng = new SplittableRandom(20261127L);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 60_000; k++) {
            sb.setLength(0);
            if (rng.nextInt(3) == 0) {
                sb.append(rng.nextBoolean() ? '-' : '+');
            }
            int intDigits = rng.nextInt(12);
            int fracDigits = rng.nextInt(12);
            for (int i = 0; i < intDigits; i++) {
                sb.append((char) ('0' + rng.nextInt(10)));
            }
            if (fracDigits > 0 || intDigits == 0) {
                sb.append('.');
                for (int i = 0; i < Math.max(fracDigits, intDigits == 0 ? 1 : 0); i++) {
                    sb.append((char) ('0' + rng.nextInt(10)));
                }
            }
            if (rng.nextInt(3) == 0) {
                sb.append(rng.nextBoolean() ? 'e' : 'E').append(rng.nextInt(-30, 31));
            }
            assertSame(sb.toString());
        }
    }

    @Test
    void bytesAfterTheCellAreNeverTakenAsDigits() {
        // The parser reads digits eight bytes at a time, past the cell's end when the array goes
        // on (as in a chunk of CSV records): the bytes after the cell, digits or not, must not count.
        SplittableRandom rng = new SplittableRandom(20261128L);
        String[] after = {"12345678", ",9876543210", "0000000000", ".5e5", "", "9"};
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 40_000; k++) {
            sb.setLength(0);
            if (rng.nextInt(4) == 0) {
                sb.append('-');
            }
            int intDigits = rng.nextInt(0, 20);
            for (int i = 0; i < intDigits; i++) {
                sb.append((char) ('0' + rng.nextInt(10)));
            }
            int fracDigits = intDigits == 0 ? rng.nextInt(1, 20) : rng.nextInt(20);
            if (fracDigits > 0) {
                sb.append('.');
                for (int i = 0; i < fracDigits; i++) {
                    sb.append((char) ('0' + rng.nextInt(10)));
                }
            }
            String cell = sb.toString();
            double expected = Double.parseDouble(cell);
            for (String tail : after) {
                byte[] b = (cell + tail).getBytes(StandardCharsets.ISO_8859_1);
                double actual = NumberParser.parse(b, 0, cell.length());
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                    () -> cell + " followed by " + tail + ": expected " + expected + " but parsed " + actual);
            }
        }
    }

    @Test
    void shortestAndFixedFormsOfRandomDoublesMatchParseDouble() {
        SplittableRandom rng = new SplittableRandom(7L);
        for (int k = 0; k < 20_000; k++) {
            double v = Double.longBitsToDouble(rng.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            assertSame(Double.toString(v));
            double u = rng.nextDouble(-1e6, 1e6);
            assertSame(Double.toString(u));
            assertSame(String.format(Locale.ROOT, "%." + rng.nextInt(1, 18) + "f", u));
            assertSame(String.format(Locale.ROOT, "%." + rng.nextInt(1, 18) + "e", v));
        }
    }

    @Test
    void longSignificandsOverTheWholeExponentRangeMatchParseDouble() {
        SplittableRandom rng = new SplittableRandom(11L);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 60_000; k++) {
            sb.setLength(0);
            int digits = rng.nextInt(15, 20);
            sb.append((char) ('1' + rng.nextInt(9)));
            for (int i = 1; i < digits; i++) {
                sb.append((char) ('0' + rng.nextInt(10)));
            }
            sb.append('e').append(rng.nextInt(-345, 312));
            assertSame(sb.toString());
        }
        // Halfway cases between adjacent doubles, where a one-bit error would show.
        for (int k = 0; k < 20_000; k++) {
            double v = rng.nextDouble(1e-300, 1e300) * (rng.nextBoolean() ? 1 : 1e-10);
            java.math.BigDecimal mid = new java.math.BigDecimal(v).add(new java.math.BigDecimal(Math.nextUp(v)))
                .divide(java.math.BigDecimal.valueOf(2));
            assertSame(mid.round(new java.math.MathContext(17)).toString());
            assertSame(mid.round(new java.math.MathContext(18)).toString());
        }
    }

    @Test
    void missingValuesAreNaNAndWordsAreInfinities() {
        assertTrue(Double.isNaN(parse("")));
        assertTrue(Double.isNaN(parse("   ")));
        assertTrue(Double.isNaN(parse("NaN")));
        assertTrue(Double.isNaN(parse("nan")));
        assertEquals(Double.POSITIVE_INFINITY, parse("inf"));
        assertEquals(Double.POSITIVE_INFINITY, parse("+Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, parse("-INF"));
    }

    /** isMissing (used where a fit already parsed the cells) must agree with parse on every accepted cell. */
    @Test
    void isMissingIsExactlyWhereParseGivesNaN() {
        String[] cells = {"", " ", "\t \t", "nan", "NaN", " nAN\t", "\"nan\"", "0", "-0", "1.5", " 2 ", "inf", "-INF",
            "+Infinity", "nan5", "5nan", "1e-400", "na", "nann", "+nan", "-nan"};
        for (String s : cells) {
            byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.ISO_8859_1);
            boolean missing = NumberParser.isMissing(b, 2, b.length - 2);
            boolean nan;
            try {
                nan = Double.isNaN(NumberParser.parse(b, 2, b.length - 2));
            } catch (NumberFormatException e) {
                continue; // not an accepted cell: a fit would have stopped at it
            }
            assertEquals(nan, missing, s);
        }
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            String s = Double.toString(Double.longBitsToDouble(rng.nextLong()));
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(Double.isNaN(NumberParser.parse(b, 0, b.length)), NumberParser.isMissing(b, 0, b.length), s);
        }
    }

    @Test
    void malformedInputsAreRejectedWithTheText() {
        String[] bad = {"abc", "1.5d", "1.5f", "0x10", "1e", "1e+", "--1", "+-1", "1,5", "1 2", ".", "-", "e5",
            "1e5.5", "1.2.3", "+nan", "infinit", "１"};
        for (String s : bad) {
            NumberFormatException e = assertThrows(NumberFormatException.class, () -> parse(s), s);
            assertTrue(e.getMessage().contains("is not a number"), e.getMessage());
        }
    }
}
