package io.redistributor;

/**
 * Runs a bulk operation on doubles over float arrays: each chunk of the source is widened into a
 * double buffer, the operation runs on the buffer in place, and the results are rounded to float
 * into the destination. Each conversion has a loop of its own: in a loop that also does the
 * operation's arithmetic, JDK 17's compiled code ties every float-to-double or double-to-float
 * conversion to the previous iteration's last use of its register (the conversion instructions
 * keep the register's upper bits), so the iterations ran one after another.
 */
final class Widening {

    /** A bulk operation on doubles, source and destination possibly the same range. */
    @FunctionalInterface
    interface Bulk {
        /**
         * Computes dst[dstPos + i] from src[srcPos + i] for i below length.
         *
         * @param src source values
         * @param srcPos first source index
         * @param dst destination
         * @param dstPos first destination index
         * @param length number of values
         */
        void apply(double[] src, int srcPos, double[] dst, int dstPos, int length);
    }

    private Widening() {
    }

    /**
     * Values converted at a time: 64 KiB of doubles, which stay in cache between the loops, and
     * long enough that the operation's own buffers are allocated once per 8192 values.
     */
    static final int CHUNK = 1 << 13;

    /**
     * dst[dstPos + i] = (float) op(src[srcPos + i]) for i below length, in chunks of
     * {@value #CHUNK} values through one buffer allocated here. Source and destination may be the
     * same range (each chunk is read before it is written). If op throws, the destination holds
     * the results of the chunks before the failing one.
     *
     * @param src source values
     * @param srcPos first source index
     * @param dst destination
     * @param dstPos first destination index
     * @param length number of values
     * @param op the operation on doubles
     */
    static void apply(float[] src, int srcPos, float[] dst, int dstPos, int length, Bulk op) {
        double[] buf = new double[Math.min(CHUNK, Math.max(0, length))];
        for (int start = 0; start < length; start += CHUNK) {
            int len = Math.min(CHUNK, length - start);
            int from = srcPos + start;
            for (int i = 0; i < len; i++) {
                buf[i] = src[from + i];
            }
            op.apply(buf, 0, buf, 0, len);
            int to = dstPos + start;
            for (int i = 0; i < len; i++) {
                dst[to + i] = (float) buf[i];
            }
        }
    }
}
