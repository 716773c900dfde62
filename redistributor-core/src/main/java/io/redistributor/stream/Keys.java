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

    private Keys() {
    }

    static long signedKey(long rawBits) {
        return rawBits ^ ((rawBits >> 63) & Long.MAX_VALUE);
    }

    static double fromSignedKey(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    /**
     * Open-addressing map from prefixes (unsigned key shifted right) to their index in a sorted
     * array; the lookup is a multiply, a shift and usually one probe.
     */
    static final class PrefixTable {
        private final long[] keys;
        private final int[] slots;
        private final int mask;
        private final int shift;

        PrefixTable(long[] prefixes, int m) {
            int cap = Integer.highestOneBit(Math.max(4, m) * 4 - 1) << 1;
            keys = new long[cap];
            slots = new int[cap];
            Arrays.fill(slots, -1);
            mask = cap - 1;
            shift = 64 - Integer.numberOfTrailingZeros(cap);
            for (int i = 0; i < m; i++) {
                int h = hash(prefixes[i]);
                while (slots[h] >= 0) {
                    h = (h + 1) & mask;
                }
                keys[h] = prefixes[i];
                slots[h] = i;
            }
        }

        private int hash(long p) {
            return (int) ((p * 0x9E3779B97F4A7C15L) >>> shift);
        }

        /** Index of the prefix, or -1. */
        int find(long p) {
            int h = hash(p);
            int s;
            while ((s = slots[h]) >= 0) {
                if (keys[h] == p) {
                    return s;
                }
                h = (h + 1) & mask;
            }
            return -1;
        }
    }
}
