package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The formatter's text must read back, through the JDK's correctly rounded
 * {@link Double#parseDouble}, to exactly the double written, and must be as short as the
 * JDK's own text for values that have a short decimal form.
 */
class NumberFormatterTest {
    private final NumberFormatter formatter = new NumberFormatter();
    private final byte[] buf = new byte[64];

    private String format(double v) {
        int end = formatter.write(v, buf, 0);
        return new String(buf, 0, end, StandardCharsets.ISO_8859_1);
    }

    private void assertRoundTrip(double v) {
        String s = format(v);
        assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(s)),
            () -> v + " written as " + s);
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(NumberParser.parse(b, 0, b.length)),
            () -> v + " written as " + s + " and read by NumberParser");
    }

    @Test
    void randomDoublesOfEveryMagnitudeRoundTrip() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int k = 0; k < 60_000; k++) {
            double v = Double.longBitsToDouble(rng.nextLong());
            if (Double.isFinite(v)) {
                assertRoundTrip(v);
            }
            assertRoundTrip(rng.nextGaussian() * Math.pow(10, rng.nextInt(-4, 19)));
        }
    }

    @Test
    void boundariesRoundTrip() {
        double[] cases = {0.01, Math.nextDown(0.01), Math.nextUp(0.01), 1e17, Math.nextDown(1e17), 1, Math.nextUp(1.0),
            Math.nextDown(1.0), 0.1, 0.2, 0.3, 0.7, 9.999999999999999e16, 1e16, 1e15, 4503599627370496.5,
            9007199254740993.0, 0.09999999999999999, 0.010000000000000002, 123456789.123456789, -0.0, 0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, -2.5, 5e-324};
        for (double v : cases) {
            assertRoundTrip(v);
            assertRoundTrip(-v);
        }
    }

    @Test
    void shortDecimalsStayShort() {
        assertEquals("0.1", format(0.1));
        assertEquals("1.5", format(1.5));
        assertEquals("-2.25", format(-2.25));
        assertEquals("100", format(100.0));
        assertEquals("123.456", format(123.456));
        assertEquals("0.05", format(0.05));
        assertEquals("14.23", format(14.23));
        assertEquals("1065", format(1065.0));
    }

    @Test
    void nonFiniteValuesUseTheJdkText() {
        assertEquals("NaN", format(Double.NaN));
        assertEquals("Infinity", format(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", format(Double.NEGATIVE_INFINITY));
    }
}
