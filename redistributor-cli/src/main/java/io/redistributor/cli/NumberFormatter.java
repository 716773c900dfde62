package io.redistributor.cli;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

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
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The ASCII digit 0 in every byte. */
    private static final long ZEROS = 0x3030_3030_3030_3030L;

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
        // The sign without a branch (random signs would mispredict half the time).
        dst[pos] = '-';
        pos += (int) (bits >>> 63);
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
        long f;
        int e = k + dk;
        if (s >= 100) {
            // s rounded down to a multiple of 10 (s / 10 as a multiply-high), and the next multiple.
            long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
            long tp10 = sp10 + 10;
            boolean upin = vbl + out <= sp10 << 2;
            boolean wpin = (tp10 << 2) + out <= vbr;
            if (upin != wpin) {
                f = upin ? sp10 : tp10;
                e = k;
                return digitsOf(f, e, c, dst, pos);
            }
        }
        long tt = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (tt << 2) + out <= vbr;
        if (uin != win) {
            f = uin ? s : tt;
        } else {
            long cmp = vb - ((s + tt) << 1);
            f = cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : tt;
        }
        return digitsOf(f, e, c, dst, pos);
    }

    /**
     * Writes f·10^e, the decimal chosen for c·2^q. For a normal significand (c ≥ 2^52) f has 16 or
     * 17 digits, so the length need not be searched for: 10^k ≤ 2^q &lt; 10^(k+1) (10^k ≤ ¾·2^q at a
     * binade's start, where c = 2^52 and the ratio is below 40/3), so c·2^q·10^−k lies in
     * [2^52, 10·2^53) ≈ [4.5·10^15, 9.1·10^16), and f (s, s + 1 or a multiple of ten next to them)
     * lies within 10 of it, well inside [10^15, 10^17). Subnormals take the general path.
     */
    private static int digitsOf(long f, int e, long c, byte[] dst, int pos) {
        if (c >= C_MIN) {
            boolean sixteen = f < 10_000_000_000_000_000L;
            return digits17(sixteen ? 10 * f : f, sixteen ? e + 15 : e + 16, dst, pos);
        }
        return digits(f, e, dst, pos);
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
        // Scale to exactly 17 digits d1…d17: the value is d1.d2…d17 · 10^exp.
        return digits17(f * POW10[17 - len], e + len - 1, dst, pos);
    }

    /** Writes f·10^(exp − 16) (10^16 ≤ f &lt; 10^17), in the layout of the class comment. */
    private static int digits17(long f, int exp, byte[] dst, int pos) {
        long hi = f / 100_000_000L;
        // d1 straight from f, in parallel with hi rather than after it.
        int first = (int) (f / 10_000_000_000_000_000L);
        long mid = eightDigits((int) hi - 100_000_000 * first);
        long low = eightDigits((int) (f - 100_000_000L * hi));
        // Trailing zero digits are zero bytes at the top of the digit words (the last digit highest).
        int n = low != 0 ? 17 - (Long.numberOfLeadingZeros(low) >>> 3)
            : mid != 0 ? 9 - (Long.numberOfLeadingZeros(mid) >>> 3) : 1;
        if (exp >= -2 && exp < 17) {
            if (exp < 0) {
                // 0.d1d2… or 0.0d1d2…
                int at = pos - exp + 1;
                put17(first, mid, low, dst, at);
                dst[pos] = '0';
                dst[pos + 1] = '.';
                if (exp == -2) {
                    dst[pos + 2] = '0';
                }
                return at + n;
            }
            // Digits one place to the right, then the integer digits back one place and the point.
            int intDigits = exp + 1;
            put17(first, mid, low, dst, pos + 1);
            for (int i = 0; i < intDigits; i++) {
                dst[pos + i] = dst[pos + i + 1];
            }
            if (n <= intDigits) {
                return pos + intDigits;
            }
            dst[pos + intDigits] = '.';
            return pos + n + 1;
        }
        put17(first, mid, low, dst, pos + 1);
        dst[pos] = dst[pos + 1];
        dst[pos + 1] = '.';
        if (n == 1) {
            dst[pos + 2] = '0';
            pos += 3;
        } else {
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
            dst[pos++] = (byte) ('0' + exp / 10);
        } else if (exp >= 10) {
            dst[pos++] = (byte) ('0' + exp / 10);
        }
        dst[pos++] = (byte) ('0' + exp % 10);
        return pos;
    }

    /** Writes the digit d1 and the two eight-digit words (values 0 to 9 per byte) as ASCII at {@code at}. */
    private static void put17(int first, long mid, long low, byte[] dst, int at) {
        dst[at] = (byte) ('0' + first);
        LONGS.set(dst, at + 1, mid + ZEROS);
        LONGS.set(dst, at + 9, low + ZEROS);
    }

    /**
     * The eight decimal digits of 0 ≤ x &lt; 10⁸ as the bytes of a long, the first digit lowest
     * (so that a little-endian store writes them in reading order), each byte the digit's value
     * 0 to 9. The halves, quarters and eighths are split in parallel lanes by multiplying with
     * reciprocals that are exact in these ranges: ⌊v·10486 / 2²⁰⌋ = ⌊v / 100⌋ for v &lt; 10⁴ and
     * ⌊v·103 / 2¹⁰⌋ = ⌊v / 10⌋ for v &lt; 100.
     */
    static long eightDigits(int x) {
        int high = x / 10_000;
        long v = high | (long) (x - 10_000 * high) << 32;
        long hundreds = ((v * 10486) >>> 20) & 0x0000_007F_0000_007FL;
        v = hundreds | (v - 100 * hundreds) << 16;
        long tens = ((v * 103) >>> 10) & 0x000F_000F_000F_000FL;
        return tens | (v - 10 * tens) << 8;
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
