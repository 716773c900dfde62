package io.redistributor.cli;

import java.math.BigInteger;

/**
 * Correctly rounded conversion of w · 10^q to a double for a decimal significand w of up to 19
 * digits, by the Eisel–Lemire method (D. Lemire, "Number Parsing at a Gigabyte per Second",
 * Software: Practice and Experience 51(8), 2021): one or two 64×64→128-bit products of w with a
 * 128-bit approximation of 5^q decide the 53-bit result, and the rare inputs where the
 * approximation cannot decide are reported as undecided so the caller falls back to
 * {@link Double#parseDouble}. Subnormal results, overflow and |q| beyond the table are also left
 * to the fallback. The table of powers of five is computed once with {@link BigInteger}.
 */
final class EiselLemire {
    /** Returned when the method cannot decide; never a valid double's bits from this class. */
    static final long UNDECIDED = -1L;

    private static final int SMALLEST_POWER = -342;
    private static final int LARGEST_POWER = 308;
    /** High and low 64 bits of the normalized 128-bit approximation of 5^q. */
    private static final long[] POW5 = new long[2 * (LARGEST_POWER - SMALLEST_POWER + 1)];

    static {
        BigInteger two128 = BigInteger.ONE.shiftLeft(128);
        for (int q = SMALLEST_POWER; q <= LARGEST_POWER; q++) {
            BigInteger c;
            if (q < 0) {
                BigInteger power5 = BigInteger.valueOf(5).pow(-q);
                int z = power5.subtract(BigInteger.ONE).bitLength(); // smallest z with 2^z >= power5
                int b = q >= -27 ? z + 127 : 2 * z + 128;
                c = BigInteger.ONE.shiftLeft(b).divide(power5).add(BigInteger.ONE);
                while (c.compareTo(two128) >= 0) {
                    c = c.shiftRight(1);
                }
            } else {
                c = BigInteger.valueOf(5).pow(q);
                int shift = 128 - c.bitLength();
                c = shift >= 0 ? c.shiftLeft(shift) : c.shiftRight(-shift);
            }
            int i = 2 * (q - SMALLEST_POWER);
            POW5[i] = c.shiftRight(64).longValue();
            POW5[i + 1] = c.longValue();
        }
    }

    private EiselLemire() {
    }

    /**
     * The bits of the double nearest to w · 10^q (positive), or {@link #UNDECIDED}.
     *
     * @param w the decimal significand, 1 ≤ w &lt; 10^19 (as an unsigned value)
     * @param q the decimal exponent
     * @return the raw bits of the correctly rounded double, or {@link #UNDECIDED}
     */
    static long toDoubleBits(long w, int q) {
        if (w == 0 || q < SMALLEST_POWER || q > LARGEST_POWER) {
            return UNDECIDED;
        }
        int lz = Long.numberOfLeadingZeros(w);
        w <<= lz;
        int index = 2 * (q - SMALLEST_POWER);
        long hi5 = POW5[index];
        long lo5 = POW5[index + 1];
        long low = w * hi5;
        long high = Math.multiplyHigh(w, hi5) + ((hi5 >> 63) & w) + ((w >> 63) & hi5);
        final long precisionMask = 0xFFFFFFFFFFFFFFFFL >>> 55;
        if ((high & precisionMask) == precisionMask) {
            long secondHigh = Math.multiplyHigh(w, lo5) + ((lo5 >> 63) & w) + ((w >> 63) & lo5);
            long newLow = low + secondHigh;
            if (Long.compareUnsigned(secondHigh, newLow) > 0) {
                high++;
            }
            low = newLow;
        }
        if (low == 0xFFFFFFFFFFFFFFFFL && (q < -27 || q > 55)) {
            return UNDECIDED;
        }
        int upperBit = (int) (high >>> 63);
        long mantissa = high >>> (upperBit + 64 - 52 - 3);
        int power2 = (int) (((152170L + 65536L) * q) >> 16) + 63 + upperBit - lz + 1023;
        if (power2 <= 0) {
            return UNDECIDED;
        }
        if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1
            && (mantissa << (upperBit + 64 - 52 - 3)) == high) {
            mantissa &= ~1L;
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= (2L << 52)) {
            mantissa = 1L << 52;
            power2++;
        }
        mantissa &= ~(1L << 52);
        if (power2 >= 0x7FF) {
            return UNDECIDED;
        }
        return mantissa | ((long) power2 << 52);
    }
}
