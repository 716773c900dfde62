package io.redistributor.stream;

import java.util.Arrays;

/**
 * Order-preserving integer keys of doubles and a small hash set of key prefixes.
 *
 * <p>The signed key of a double orders like {@link Double#compare} when compared as a signed
 * long (so -0.0 sorts before +0.0, as {@link Arrays#sort(double[])} puts them); the unsigned key
 * (the signed key with its top bit flipped) orders the same way as an unsigned long, so its
 * leading bits cut the line of doubles into contiguous, sorted blocks.
 */
final class Keys {
    /** Exponent bits; all set means NaN or ±∞. */
    static final long EXPONENT = 0x7ff0000000000000L;
    /** Longest prefixes looked up in a direct table: 2^16 slots, 256 KiB, cache-resident. */
    static final int DIRECT_BITS = 16;

    private Keys() {
    }

    static long signedKey(long rawBits) {
        return rawBits ^ ((rawBits >> 63) & Long.MAX_VALUE);
    }

    static double fromSignedKey(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /**
     * A 2<sup>18</sup>-bit (32 KiB) map of the key line between the first and last bracket:
     * bit i is set when some bracket meets the i-th stretch. Most values outside the brackets are
     * turned away by one cached bit test, before the hash lookup.
     */
    /**
     * A direct table of prefixes: entry p is the index of p among {@code prefixes}, or -1. The
     * same answers as {@link PrefixTable#find} (after {@link KeyFilter#mayContain}), in one read.
     *
     * @param prefixes the distinct prefixes, each below 2^bits
     * @param bits the prefix length, at most {@link #DIRECT_BITS}
     * @return the table of 2^bits entries
     */
    static int[] directSlots(long[] prefixes, int bits) {
        int[] slots = new int[1 << bits];
        Arrays.fill(slots, -1);
        for (int i = 0; i < prefixes.length; i++) {
            slots[(int) prefixes[i]] = i;
        }
        return slots;
    }

    static final class KeyFilter {
        private static final int BITS = 18;
        private final long base;
        private final long span;
        private final int shift;
        private final long[] words = new long[(1 << BITS) / 64];

        KeyFilter(long[] prefixes, int prefixBits) {
            int low = 64 - prefixBits;
            int m = prefixes.length;
            base = prefixes[0] << low;
            long last = low == 64 ? 0 : prefixes[m - 1] << low;
            span = (last - base) + (low == 64 ? -1L : (1L << low) - 1);
            shift = Math.max(0, 64 - Long.numberOfLeadingZeros(span) - BITS);
            for (long p : prefixes) {
                long from = ((p << low) - base) >>> shift;
                long to = ((p << low) - base + (low == 64 ? -1L : (1L << low) - 1)) >>> shift;
                for (long i = from; i <= to; i++) {
                    words[(int) (i >>> 6)] |= 1L << i;
                }
            }
        }

        /** False when no bracket holds the unsigned key u. */
        boolean mayContain(long u) {
            long d = u - base;
            if (Long.compareUnsigned(d, span) > 0) {
                return false;
            }
            int i = (int) (d >>> shift);
            return (words[i >>> 6] & (1L << i)) != 0;
        }
    }

    /**
     * Open-addressing map from prefixes (unsigned key shifted right) to their index in a sorted
     * array; the lookup is a multiply, a shift and usually one probe.
     */
    static final class PrefixTable {
        /** Pairs (prefix, index + 1) side by side, so a probe reads one cache line; 0 marks empty. */
        private final long[] entries;
        private final int mask;
        private final int shift;

        PrefixTable(long[] prefixes, int m) {
            int cap = Integer.highestOneBit(Math.max(4, m) * 4 - 1) << 1;
            entries = new long[2 * cap];
            mask = cap - 1;
            shift = 64 - Integer.numberOfTrailingZeros(cap);
            for (int i = 0; i < m; i++) {
                int h = hash(prefixes[i]);
                while (entries[2 * h + 1] != 0) {
                    h = (h + 1) & mask;
                }
                entries[2 * h] = prefixes[i];
                entries[2 * h + 1] = i + 1;
            }
        }

        private int hash(long p) {
            return (int) ((p * 0x9E3779B97F4A7C15L) >>> shift);
        }

        /** Index of the prefix, or -1. */
        int find(long p) {
            long[] e = entries;
            int h = hash(p);
            long s;
            while ((s = e[2 * h + 1]) != 0) {
                if (e[2 * h] == p) {
                    return (int) s - 1;
                }
                h = (h + 1) & mask;
            }
            return -1;
        }
    }
}
