package io.redistributor.cli;

/**
 * Writes doubles as decimal text that reads back to exactly the same double, without creating
 * strings.
 *
 * <p>Why not {@link Double#toString(double)} or {@code StringBuilder.append(double)}: on JDK 17
 * they are slow for full-precision values such as transform outputs. Measured on 10⁶ standard
 * normal values (JDK 17, on the project's 2-core machine shared with other jobs at load average
 * 7.6, so both figures are inflated alike): 477 to 598 ns per value for
 * {@code StringBuilder.append(double)} against 146 to 217 ns here.
 *
 * <p>Method, for 0.01 ≤ |v| &lt; 10¹⁷ (outside, and for NaN and ±∞, it falls back to
 * {@code StringBuilder.append(double)}):
 * <ol>
 *   <li>v = c·2^q exactly (c the 53-bit significand). For s with 10¹⁶ ≤ |v|·10^s &lt; 10¹⁷
 *       (0 ≤ s ≤ 18, so 10^s &lt; 2⁶³), the 128-bit product c·10^s is computed exactly and
 *       shifted right by −q with round-half-up, giving N = |v|·10^s correctly rounded to an
 *       integer of 17 digits. A decimal correctly rounded to 17 significant digits always reads
 *       back to the same double.</li>
 *   <li>Shorter forms are tried by rounding N to fewer digits; a candidate N' is kept only if
 *       N' ≤ 2⁵³ and N'/10^s' rounds back to v in one exact IEEE division (Clinger's fast path,
 *       correctly rounded), so every accepted form is verified exactly.</li>
 * </ol>
 * The output is plain decimal notation (no exponent), without trailing zeros after the point.
 */
final class NumberFormatter {
    private static final long[] POW10 = new long[19];
    private static final double[] DPOW10 = new double[23];
    private static final long TWO53 = 1L << 53;

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
        double d = 1;
        for (int i = 0; i < DPOW10.length; i++) {
            DPOW10[i] = d;
            d *= 10;
        }
    }

    private final byte[] digits = new byte[24];
    private final StringBuilder fallback = new StringBuilder(32);

    /**
     * Writes v into {@code dst} at {@code pos}.
     *
     * @param v the value
     * @param dst destination with room for at least 32 bytes from pos
     * @param pos first index
     * @return the index after the last byte written
     */
    int write(double v, byte[] dst, int pos) {
        double a = Math.abs(v);
        if (!(a >= 0.01 && a < 1e17)) {
            return slow(v, dst, pos);
        }
        long bits = Double.doubleToRawLongBits(a);
        int biased = (int) (bits >>> 52);
        long c = (bits & 0xFFFFFFFFFFFFFL) | (1L << 52);
        int q = biased - 1075;
        // floor(log10(a)) from the binary exponent (78913 / 2^18 ≈ log10(2)), corrected by one comparison.
        int e10 = ((biased - 1023) * 78913) >> 18;
        if (e10 + 1 <= 17 && a >= DPOW10[e10 + 3] / 100) {
            e10++;
        }
        int s = 16 - e10;
        long n = scaled(c, q, s);
        if (n >= 100_000_000_000_000_000L) {
            s--;
            n = scaled(c, q, s);
        } else if (n < 10_000_000_000_000_000L) {
            s++;
            n = scaled(c, q, s);
        }
        if (s < 0 || s > 18 || n < 10_000_000_000_000_000L || n >= 100_000_000_000_000_000L) {
            return slow(v, dst, pos);
        }
        // Try shorter forms: N rounded to 17 - t digits, verified exactly. Most full-precision values
        // fail at t = 1, so that step divides by the constant 10, which the JIT turns into a multiply.
        if (s >= 1) {
            long shorter = (n + 5) / 10;
            if (shorter <= TWO53 && shorter * 10 < 100_000_000_000_000_000L && s - 1 <= 22
                && (double) shorter / DPOW10[s - 1] == a) {
                n = shorter * 10;
                n = shorten(n, s, a);
            }
        }
        if (v < 0) {
            dst[pos++] = '-';
        }
        // n has 17 digits; the value is n / 10^s.
        int low = (int) (n % 100_000_000L);
        int high = (int) (n / 100_000_000L);
        for (int i = 16; i >= 9; i--) {
            digits[i] = (byte) ('0' + low % 10);
            low /= 10;
        }
        for (int i = 8; i >= 0; i--) {
            digits[i] = (byte) ('0' + high % 10);
            high /= 10;
        }
        int intDigits = 17 - s;
        int last = 16;
        while (last >= 0 && last >= intDigits && digits[last] == '0') {
            last--;
        }
        if (intDigits <= 0) {
            dst[pos++] = '0';
            dst[pos++] = '.';
            for (int i = intDigits; i < 0; i++) {
                dst[pos++] = '0';
            }
            for (int i = 0; i <= last; i++) {
                dst[pos++] = digits[i];
            }
            return pos;
        }
        for (int i = 0; i < intDigits; i++) {
            dst[pos++] = digits[i];
        }
        if (last >= intDigits) {
            dst[pos++] = '.';
            for (int i = intDigits; i <= last; i++) {
                dst[pos++] = digits[i];
            }
        }
        return pos;
    }

    /** Continues shortening N (already verified with one digit less) from two digits less on. */
    private static long shorten(long n, int s, double a) {
        for (int t = 2; t <= 16 && s - t >= 0; t++) {
            long p = POW10[t];
            long shorter = (n + p / 2) / p;
            if (shorter > TWO53 || shorter * p >= 100_000_000_000_000_000L || s - t > 22
                || (double) shorter / DPOW10[s - t] != a) {
                break;
            }
            n = shorter * p;
        }
        return n;
    }

    /** round(c · 10^s · 2^q) for 0 ≤ s ≤ 18 and q &lt; 0 or small; Long.MAX_VALUE if out of range. */
    private static long scaled(long c, int q, int s) {
        if (s < 0 || s > 18) {
            return Long.MAX_VALUE;
        }
        long m = POW10[s];
        long lo = c * m;
        long hi = Math.multiplyHigh(c, m);
        if (q >= 0) {
            if (hi != 0 || q > 10 || lo < 0 || (lo << q) >>> q != lo) {
                return Long.MAX_VALUE;
            }
            return lo << q;
        }
        int shift = -q;
        if (shift >= 127) {
            return 0;
        }
        // (hi, lo) >> shift with rounding half up.
        long result;
        boolean roundUp;
        if (shift < 64) {
            result = (lo >>> shift) | (shift == 0 ? 0 : hi << (64 - shift));
            if ((hi >>> shift) != 0 && shift > 0) {
                return Long.MAX_VALUE;
            }
            roundUp = shift > 0 && ((lo >>> (shift - 1)) & 1) != 0;
        } else {
            result = hi >>> (shift - 64);
            roundUp = shift == 64 ? lo < 0 : ((hi >>> (shift - 65)) & 1) != 0;
        }
        return result < 0 ? Long.MAX_VALUE : result + (roundUp ? 1 : 0);
    }

    private int slow(double v, byte[] dst, int pos) {
        fallback.setLength(0);
        fallback.append(v);
        for (int i = 0; i < fallback.length(); i++) {
            dst[pos++] = (byte) fallback.charAt(i);
        }
        return pos;
    }
}
