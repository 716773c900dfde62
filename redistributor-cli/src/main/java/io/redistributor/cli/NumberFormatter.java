package io.redistributor.cli;

import java.math.BigInteger;

/**
 * Writes a double as the shortest decimal text that reads back to exactly the same double,
 * without creating strings or allocating.
 *
 * <p>Why not {@link Double#toString(double)}: on JDK 17 it is slow for full-precision values
 * such as transform outputs, and its digits are not always the shortest. Here every finite
 * double gets the digits of the Schubfach method (R. Giulietti, "The Schubfach way to render
 * doubles", 2020), the method behind {@code Double.toString} since JDK 19: among the decimals
 * that round to the double, one with the fewest digits, and of those the closest to the double
 * (an even last digit on a tie). As in {@code Double.toString}, lengths one and two count alike:
 * where a one-digit decimal would do, the closest decimal of one or two digits is chosen, so a
 * few tiny subnormals get two digits ({@code 9.9E-323} for 20 × {@link Double#MIN_VALUE}).
 *
 * <p>How: with v = c·2^q (c the integer significand), the interval of reals rounding to v has the
 * ends (c ∓ ½)·2^q (¼ below for the smallest significand of a binade). For k = ⌊log₁₀ 2^q⌋
 * (⌊log₁₀ ¾·2^q⌋ at a binade's start), v·10^−k and both ends are computed to within a quarter in
 * fixed point by a 64 × 126-bit product with a table of g = ⌊10^−k·2^−r⌋ + 1 (r chosen so that
 * 2^125 ≤ g &lt; 2^126, built exactly with {@link BigInteger} when the class loads). The paper
 * proves that the one or two candidates s·10^k and (s+1)·10^k (with s = ⌊v·10^−k⌋), or a
 * multiple of ten of them, contain the shortest decimal inside the interval, and that this
 * fixed-point precision decides every comparison exactly.
 *
 * <p>Layout: plain notation for 0.01 ≤ |v| &lt; 10¹⁷, without trailing zeros after the point
 * and without a point for integers ({@code 100}, {@code 0.05}, {@code -2.25}); otherwise a
 * significand with a point and an exponent ({@code 1.0E-5}, {@code 1.2345E20},
 * {@code 4.9E-324}). Zero is {@code 0.0} or {@code -0.0}; NaN and ±∞ are {@code NaN},
 * {@code Infinity} and {@code -Infinity}. At most 25 bytes are written.
 */
final class NumberFormatter {
    /** Most bytes one value takes: sign, 17 digits, point, "E-324", and a leading "0.0". */
    static final int MAX_LENGTH = 25;

    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << 52;
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    private static final long MASK_63 = 0x7FFF_FFFF_FFFF_FFFFL;
    /** g1 and g0 of 10^−k (the high 63 and low 63 bits of g) at index 2(k − K_MIN) and 2(k − K_MIN) + 1. */
    private static final long[] G = new long[2 * (K_MAX - K_MIN + 1)];
    private static final long[] POW10 = new long[18];
    /** "00" to "99" as byte pairs. */
    private static final byte[] PAIRS = new byte[200];

    static {
        BigInteger mask63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            int r = flog2pow10(-k) - 125;
            BigInteger g;
            if (k <= 0) {
                BigInteger p = BigInteger.TEN.pow(-k);
                g = r >= 0 ? p.shiftRight(r) : p.shiftLeft(-r);
            } else {
                g = BigInteger.ONE.shiftLeft(-r).divide(BigInteger.TEN.pow(k));
            }
            g = g.add(BigInteger.ONE);
            G[2 * (k - K_MIN)] = g.shiftRight(63).longValueExact();
            G[2 * (k - K_MIN) + 1] = g.and(mask63).longValue();
        }
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private NumberFormatter() {
    }

    /**
     * Writes v into {@code dst} at {@code pos}.
     *
     * @param v the value (any double, including NaN, ±∞ and −0.0)
     * @param dst destination with room for at least {@link #MAX_LENGTH} bytes from pos
     * @param pos first index
     * @return the index after the last byte written
     */
    static int write(double v, byte[] dst, int pos) {
        long bits = Double.doubleToRawLongBits(v);
        int biased = (int) (bits >>> 52) & 0x7FF;
        long t = bits & (C_MIN - 1);
        if (biased == 0x7FF) {
            return t != 0 ? ascii("NaN", dst, pos) : ascii(bits < 0 ? "-Infinity" : "Infinity", dst, pos);
        }
        if (bits < 0) {
            dst[pos++] = '-';
        }
        if (biased == 0) {
            if (t == 0) {
                return ascii("0.0", dst, pos);
            }
            // The two smallest significands get a digit more (as in Double.toString): 4.9E-324, 9.9E-324.
            return t < 3 ? decimal(Q_MIN, 10 * t, -1, dst, pos) : decimal(Q_MIN, t, 0, dst, pos);
        }
        int mq = 1075 - biased;
        long c = C_MIN | t;
        if (0 < mq && mq < 53) {
            long f = c >> mq;
            if (f << mq == c) {
                // An integer below 2^53: its own digits are the shortest.
                return digits(f, 0, dst, pos);
            }
        }
        return decimal(-mq, c, 0, dst, pos);
    }

    /** Finds the shortest decimal of c·2^q·10^dk (c &gt; 0, dk = −1 for a subnormal scaled by 10) and writes it. */
    private static int decimal(int q, long c, int dk, byte[] dst, int pos) {
        int out = (int) c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            cbl = cb - 1;
            k = flog10ThreeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        int gi = 2 * (k - K_MIN);
        long g1 = G[gi];
        long g0 = G[gi + 1];
        long vb = roundOdd(g1, g0, cb << h);
        long vbl = roundOdd(g1, g0, cbl << h);
        long vbr = roundOdd(g1, g0, cbr << h);
        long s = vb >> 2;
        if (s >= 100) {
            // s rounded down to a multiple of 10 (s / 10 as a multiply-high), and the next multiple.
            long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
            long tp10 = sp10 + 10;
            boolean upin = vbl + out <= sp10 << 2;
            boolean wpin = (tp10 << 2) + out <= vbr;
            if (upin != wpin) {
                return digits(upin ? sp10 : tp10, k, dst, pos);
            }
        }
        long tt = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (tt << 2) + out <= vbr;
        if (uin != win) {
            return digits(uin ? s : tt, k + dk, dst, pos);
        }
        long cmp = vb - ((s + tt) << 1);
        return digits(cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : tt, k + dk, dst, pos);
    }

    /** The 64 × 126-bit product g·cp / 2^127, rounded to odd (the paper's rop). */
    private static long roundOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    /** Writes f·10^e (0 &lt; f &lt; 10¹⁷) without trailing zeros, in the layout of the class comment. */
    private static int digits(long f, int e, byte[] dst, int pos) {
        int len = flog10pow2(64 - Long.numberOfLeadingZeros(f));
        if (f >= POW10[len]) {
            len++;
        }
        // Scale to exactly 17 digits: the value is 0.d1d2…d17 · 10^(e + len).
        f *= POW10[17 - len];
        int exp = e + len - 1;
        int hi = (int) (f / 100_000_000L);
        int lo = (int) (f - 100_000_000L * hi);
        int first = hi / 100_000_000;
        int mid = hi - 100_000_000 * first;
        // d1 at start, d2…d9 and d10…d17 after it: 17 digits in a row, the point put in later.
        int start = pos + 3;
        dst[start] = (byte) ('0' + first);
        eight(mid, dst, start + 1);
        eight(lo, dst, start + 9);
        int last = start + 16;
        while (dst[last] == '0') {
            last--;
        }
        int n = last - start + 1;
        if (exp >= -2 && exp < 17) {
            if (exp < 0) {
                // 0.0d1d2… : move the digits right to make room for "0." and the zeros.
                int zeros = -exp - 1;
                System.arraycopy(dst, start, dst, pos + 2 + zeros, n);
                dst[pos] = '0';
                dst[pos + 1] = '.';
                for (int i = 0; i < zeros; i++) {
                    dst[pos + 2 + i] = '0';
                }
                return pos + 2 + zeros + n;
            }
            int intDigits = exp + 1;
            System.arraycopy(dst, start, dst, pos, Math.min(n, intDigits));
            if (n <= intDigits) {
                for (int i = n; i < intDigits; i++) {
                    dst[pos + i] = '0';
                }
                return pos + intDigits;
            }
            dst[pos + intDigits] = '.';
            System.arraycopy(dst, start + intDigits, dst, pos + intDigits + 1, n - intDigits);
            return pos + n + 1;
        }
        dst[pos] = dst[start];
        dst[pos + 1] = '.';
        if (n == 1) {
            dst[pos + 2] = '0';
            pos += 3;
        } else {
            System.arraycopy(dst, start + 1, dst, pos + 2, n - 1);
            pos += n + 1;
        }
        dst[pos++] = 'E';
        if (exp < 0) {
            dst[pos++] = '-';
            exp = -exp;
        }
        if (exp >= 100) {
            dst[pos++] = (byte) ('0' + exp / 100);
            exp %= 100;
            dst[pos++] = PAIRS[2 * exp];
            dst[pos++] = PAIRS[2 * exp + 1];
        } else if (exp >= 10) {
            dst[pos++] = PAIRS[2 * exp];
            dst[pos++] = PAIRS[2 * exp + 1];
        } else {
            dst[pos++] = (byte) ('0' + exp);
        }
        return pos;
    }

    /** Writes the 8 digits of 0 ≤ x &lt; 10⁸, with leading zeros. */
    private static void eight(int x, byte[] dst, int at) {
        int a = x / 10_000;
        int b = x - 10_000 * a;
        int a1 = a / 100;
        int a2 = a - 100 * a1;
        int b1 = b / 100;
        int b2 = b - 100 * b1;
        dst[at] = PAIRS[2 * a1];
        dst[at + 1] = PAIRS[2 * a1 + 1];
        dst[at + 2] = PAIRS[2 * a2];
        dst[at + 3] = PAIRS[2 * a2 + 1];
        dst[at + 4] = PAIRS[2 * b1];
        dst[at + 5] = PAIRS[2 * b1 + 1];
        dst[at + 6] = PAIRS[2 * b2];
        dst[at + 7] = PAIRS[2 * b2 + 1];
    }

    private static int ascii(String s, byte[] dst, int pos) {
        for (int i = 0; i < s.length(); i++) {
            dst[pos++] = (byte) s.charAt(i);
        }
        return pos;
    }

    /** ⌊q·log₁₀ 2⌋ for |q| ≤ 5456721. */
    private static int flog10pow2(int q) {
        return (int) (q * 661_971_961_083L >> 41);
    }

    /** ⌊log₁₀(¾·2^q)⌋ for |q| ≤ 5456721. */
    private static int flog10ThreeQuartersPow2(int q) {
        return (int) (q * 661_971_961_083L + -274_743_187_321L >> 41);
    }

    /** ⌊e·log₂ 10⌋ for |e| ≤ 1838394. */
    private static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }
}
