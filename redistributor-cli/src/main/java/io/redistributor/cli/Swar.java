package io.redistributor.cli;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time: loads a long from a byte array (the first byte lowest) and finds the
 * bytes equal to a given one with a few arithmetic steps instead of eight comparisons.
 */
final class Swar {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long ONES = 0x0101_0101_0101_0101L;

    private Swar() {
    }

    /**
     * The eight bytes {@code b[i, i + 8)} as one long, {@code b[i]} in the lowest byte.
     *
     * @param b the bytes
     * @param i first index; {@code i + 8 <= b.length}
     * @return the long
     */
    static long load(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /**
     * A byte repeated in all eight bytes of a long, for {@link #equal}.
     *
     * @param c the byte
     * @return the pattern
     */
    static long broadcast(byte c) {
        return (c & 0xFFL) * ONES;
    }

    /**
     * Marks the bytes of x equal to the pattern's byte: the result has the high bit (0x80) of
     * exactly those bytes set and every other bit clear.
     *
     * @param x eight bytes
     * @param pattern a {@link #broadcast} byte
     * @return the mask
     */
    static long equal(long x, long pattern) {
        long v = x ^ pattern;
        // A byte of v is zero exactly when adding 0x7F to its low seven bits leaves its high bit clear
        // and its own high bit is clear; the masking keeps carries from crossing bytes.
        return ~(((v & LOW7) + LOW7) | v | LOW7);
    }
}
