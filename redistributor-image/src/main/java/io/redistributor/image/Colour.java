package io.redistributor.image;

/**
 * Conversions between stored samples and the working {@link Space}s, on planar float arrays.
 * Forward conversions take the selected pixels only (all when the selection is null), so that a
 * transfer sees exactly the pixels that define the distributions. Inverse conversions round to
 * the nearest sample value and clip to the sample range.
 */
final class Colour {

    /** sRGB (D65) linear RGB to XYZ. */
    private static final double[] RGB_TO_XYZ = {
        0.4124564, 0.3575761, 0.1804375,
        0.2126729, 0.7151522, 0.0721750,
        0.0193339, 0.1191920, 0.9503041};
    private static final double[] XYZ_TO_RGB = Matrix3.inverse(RGB_TO_XYZ);
    private static final double XN = 0.95047;
    private static final double ZN = 1.08883;
    private static final double EPS = 216.0 / 24389.0;
    private static final double KAPPA = 24389.0 / 27.0;
    /** Linear RGB to LMS cone responses (Reinhard et al. 2001). */
    private static final double[] RGB_TO_LMS = {
        0.3811, 0.5783, 0.0402,
        0.1967, 0.7244, 0.0782,
        0.0241, 0.1288, 0.8444};
    private static final double[] LMS_TO_RGB = Matrix3.inverse(RGB_TO_LMS);
    private static final double LMS_FLOOR = 1e-4;
    private static final double S3 = Math.sqrt(3);
    private static final double S6 = Math.sqrt(6);
    private static final double S2 = Math.sqrt(2);
    /** Entries of the sRGB encoding table over linear [0, 1]. */
    private static final int ENCODE_SIZE = 1 << 16;
    private static final float[] ENCODE = encodeTable();
    /** Entries of the cube-root table over [0, 1]. */
    private static final int CBRT_SIZE = 1 << 16;
    private static final double[] CBRT = cbrtTable();
    /** Exact encoder of linear light to 8-bit samples. */
    private static final Srgb8 EIGHT_BIT = new Srgb8();

    private Colour() {
    }

    /**
     * The selected pixels of an image in a space: {@code [channel][k]} for the k-th selected
     * pixel in row-major order. Grey images give their single channel in [0, 1].
     */
    static float[][] forward(Image img, Space space, boolean[] mask) {
        return forwardAt(img, space, mask == null ? null : indices(mask));
    }

    /** The pixels at the given positions (all when null) in a space: {@code [channel][k]} for index[k]. */
    static float[][] forwardAt(Image img, Space space, int[] index) {
        return forwardAt(img.colourRef(), img.maxValue(), space, index);
    }

    /**
     * As {@link #forwardAt(Image, Space, int[])} on planes of samples in [0, maxValue]: each
     * output value depends only on its pixel's samples, so the planes may also hold a list of
     * colours rather than an image.
     */
    static float[][] forwardAt(short[][] p, int maxValue, Space space, int[] index) {
        int n = p[0].length;
        int m = index == null ? n : index.length;
        int c = p.length;
        float[][] out = new float[c][m];
        double inv = 1.0 / maxValue;
        double[] linear = space == Space.LAB || space == Space.LALPHABETA ? linearTable(maxValue) : null;
        Space s = c == 1 ? Space.RGB : space;
        if (s == Space.RGB) {
            // one float per sample value, (float) (value * inv), looked up instead of computed
            float[] unit = new float[maxValue + 1];
            for (int v = 0; v < unit.length; v++) {
                unit[v] = (float) (v * inv);
            }
            Parallel.forRange(m, (from, to) -> {
                for (int ch = 0; ch < c; ch++) {
                    short[] src = p[ch];
                    float[] dst = out[ch];
                    for (int k = from; k < to; k++) {
                        dst[k] = unit[src[index == null ? k : index[k]] & 0xFFFF];
                    }
                }
            });
            return out;
        }
        Parallel.forRange(m, (from, to) -> {
            if (s == Space.LAB) {
                labRange(p, index, linear, out, from, to);
            } else {
                double[] v = new double[3];
                for (int k = from; k < to; k++) {
                    int i = index == null ? k : index[k];
                    int r = p[0][i] & 0xFFFF;
                    int g = p[1][i] & 0xFFFF;
                    int b = p[2][i] & 0xFFFF;
                    if (s == Space.YCBCR) {
                        ycbcr(r * inv, g * inv, b * inv, v);
                    } else {
                        lalphabeta(linear[r], linear[g], linear[b], v);
                    }
                    out[0][k] = (float) v[0];
                    out[1][k] = (float) v[1];
                    out[2][k] = (float) v[2];
                }
            }
        });
        return out;
    }

    /** CIELAB of the pixels k in [from, to): {@link #lab} written out per pixel, without allocation. */
    private static void labRange(short[][] p, int[] index, double[] linear, float[][] out, int from, int to) {
        double[] m = RGB_TO_XYZ;
        short[] p0 = p[0];
        short[] p1 = p[1];
        short[] p2 = p[2];
        float[] o0 = out[0];
        float[] o1 = out[1];
        float[] o2 = out[2];
        for (int k = from; k < to; k++) {
            int i = index == null ? k : index[k];
            double r = linear[p0[i] & 0xFFFF];
            double g = linear[p1[i] & 0xFFFF];
            double b = linear[p2[i] & 0xFFFF];
            double fx = f((m[0] * r + m[1] * g + m[2] * b) / XN);
            double fy = f(m[3] * r + m[4] * g + m[5] * b);
            double fz = f((m[6] * r + m[7] * g + m[8] * b) / ZN);
            putLab(fx, fy, fz, o0, o1, o2, k);
        }
    }

    /**
     * CIELAB of 8-bit colours given as codes {@code r << 16 | g << 8 | b}: {@code [channel][k]}
     * for codes[k], exactly as {@link #forwardAt(short[][], int, Space, int[])} computes it from
     * planes of the same colours. In a run of codes with equal red and green (a palette lists
     * colours ascending) their products with the matrix are summed once: the sums are formed in
     * the same order, so the values are the same.
     */
    static float[][] labOfCodes(int[] codes) {
        int m = codes.length;
        float[][] out = new float[3][m];
        double[] linear = linearTable(255);
        double[] mx = RGB_TO_XYZ;
        float[] o0 = out[0];
        float[] o1 = out[1];
        float[] o2 = out[2];
        Parallel.forRange(m, (from, to) -> {
            int run = -1;
            double sx = 0;
            double sy = 0;
            double sz = 0;
            for (int k = from; k < to; k++) {
                int code = codes[k];
                if (code >>> 8 != run) {
                    run = code >>> 8;
                    double r = linear[code >>> 16];
                    double g = linear[code >>> 8 & 0xFF];
                    sx = mx[0] * r + mx[1] * g;
                    sy = mx[3] * r + mx[4] * g;
                    sz = mx[6] * r + mx[7] * g;
                }
                double b = linear[code & 0xFF];
                double fx = f((sx + mx[2] * b) / XN);
                double fy = f(sy + mx[5] * b);
                double fz = f((sz + mx[8] * b) / ZN);
                putLab(fx, fy, fz, o0, o1, o2, k);
            }
        });
        return out;
    }

    /** Writes L*, a* and b* of entry k as floats from f(X/Xn), f(Y) and f(Z/Zn). */
    private static void putLab(double fx, double fy, double fz, float[] l, float[] a, float[] b, int k) {
        l[k] = (float) (116 * fy - 16);
        a[k] = (float) (500 * (fx - fy));
        b[k] = (float) (200 * (fy - fz));
    }

    /**
     * Converts working-space values back to samples, writing pixel {@code index[k]} (or k) of
     * {@code dst} from entry k of {@code src}.
     */
    static void inverse(float[][] src, Space space, int maxValue, int[] index, short[][] dst) {
        int c = src.length;
        int m = src[0].length;
        Space s = c == 1 ? Space.RGB : space;
        Parallel.forRange(m, (from, to) -> {
            if (c == 1) {
                for (int k = from; k < to; k++) {
                    dst[0][index == null ? k : index[k]] = quantize(src[0][k], maxValue);
                }
            } else if (s == Space.LAB && maxValue == EIGHT_BIT.max) {
                labInverseRange(src, index, dst, from, to);
            } else {
                double[] v = new double[3];
                for (int k = from; k < to; k++) {
                    int i = index == null ? k : index[k];
                    double a = src[0][k];
                    double b = src[1][k];
                    double d = src[2][k];
                    switch (s) {
                        case RGB:
                            v[0] = a;
                            v[1] = b;
                            v[2] = d;
                            break;
                        case YCBCR:
                            v[0] = a + 1.402 * d;
                            v[1] = a - (0.299 * 1.402 / 0.587) * d - (0.114 * 1.772 / 0.587) * b;
                            v[2] = a + 1.772 * b;
                            break;
                        case LAB:
                            labInverse(a, b, d, v);
                            break;
                        default:
                            lalphabetaInverse(a, b, d, v);
                            break;
                    }
                    dst[0][i] = quantize(v[0], maxValue);
                    dst[1][i] = quantize(v[1], maxValue);
                    dst[2][i] = quantize(v[2], maxValue);
                }
            }
        });
    }

    /**
     * CIELAB to 8-bit sRGB samples for entries k in [from, to): {@link #labInverse} up to linear
     * light, then the exact 8-bit encoding of {@link Srgb8}.
     */
    private static void labInverseRange(float[][] src, int[] index, short[][] dst, int from, int to) {
        double[] m = XYZ_TO_RGB;
        Srgb8 e = EIGHT_BIT;
        for (int k = from; k < to; k++) {
            int i = index == null ? k : index[k];
            double fy = (src[0][k] + 16) / 116;
            double fx = fy + src[1][k] / 500;
            double fz = fy - src[2][k] / 200;
            double x = XN * fInverse(fx);
            double y = fInverse(fy);
            double z = ZN * fInverse(fz);
            dst[0][i] = e.sample(m[0] * x + m[1] * y + m[2] * z);
            dst[1][i] = e.sample(m[3] * x + m[4] * y + m[5] * z);
            dst[2][i] = e.sample(m[6] * x + m[7] * y + m[8] * z);
        }
    }

    /** Positions of the selected pixels, ascending. */
    static int[] indices(boolean[] mask) {
        int count = 0;
        for (boolean b : mask) {
            if (b) {
                count++;
            }
        }
        int[] idx = new int[count];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                idx[k++] = i;
            }
        }
        return idx;
    }

    /** Rounds a value in [0, 1] to a sample, clipping out-of-range values and mapping NaN to 0. */
    static short quantize(double unit, int maxValue) {
        double v = unit * maxValue + 0.5;
        if (!(v > 0)) {
            return 0;
        }
        return (short) (v >= maxValue ? maxValue : (int) v);
    }

    static void ycbcr(double r, double g, double b, double[] out) {
        double y = 0.299 * r + 0.587 * g + 0.114 * b;
        out[0] = y;
        out[1] = (b - y) / 1.772;
        out[2] = (r - y) / 1.402;
    }

    /** sRGB decoding of every sample value. */
    static double[] linearTable(int maxValue) {
        double[] t = new double[maxValue + 1];
        for (int v = 0; v <= maxValue; v++) {
            t[v] = decode((double) v / maxValue);
        }
        return t;
    }

    static double decode(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    static double encode(double c) {
        return c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
    }

    private static float[] encodeTable() {
        float[] t = new float[ENCODE_SIZE + 2];
        for (int i = 0; i <= ENCODE_SIZE; i++) {
            t[i] = (float) encode((double) i / ENCODE_SIZE);
        }
        t[ENCODE_SIZE + 1] = t[ENCODE_SIZE];
        return t;
    }

    /** sRGB encoding of a linear value by table interpolation (error below 1e-6); clips to [0, 1]. */
    static double encodeFast(double c) {
        if (!(c > 0)) {
            return 0;
        }
        if (c >= 1) {
            return 1;
        }
        double x = c * ENCODE_SIZE;
        int i = (int) x;
        double f = x - i;
        return ENCODE[i] + f * (ENCODE[i + 1] - ENCODE[i]);
    }

    static void lab(double r, double g, double b, double[] out) {
        double[] m = RGB_TO_XYZ;
        double x = (m[0] * r + m[1] * g + m[2] * b) / XN;
        double y = m[3] * r + m[4] * g + m[5] * b;
        double z = (m[6] * r + m[7] * g + m[8] * b) / ZN;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        out[0] = 116 * fy - 16;
        out[1] = 500 * (fx - fy);
        out[2] = 200 * (fy - fz);
    }

    /**
     * The CIELAB companding function; for t in (EPS, 1] the cube root comes from a table with
     * linear interpolation (error below 2e-8, i.e. 3e-6 in L*, about one float ulp of L*), elsewhere
     * from the formula. The table is faster than {@code Math.cbrt} (StrictMath's on JDK 17) and
     * than a Newton iteration to full precision, which float storage of the result would not use.
     */
    static double f(double t) {
        if (!(t > EPS)) {
            return (KAPPA * t + 16) / 116;
        }
        if (t >= 1) {
            return Math.cbrt(t);
        }
        double x = t * CBRT_SIZE;
        int i = (int) x;
        return CBRT[i] + (x - i) * (CBRT[i + 1] - CBRT[i]);
    }

    private static double[] cbrtTable() {
        double[] t = new double[CBRT_SIZE + 1];
        for (int i = 0; i <= CBRT_SIZE; i++) {
            t[i] = Math.cbrt((double) i / CBRT_SIZE);
        }
        return t;
    }

    private static double fInverse(double f) {
        double f3 = f * f * f;
        return f3 > EPS ? f3 : (116 * f - 16) / KAPPA;
    }

    static void labInverse(double l, double a, double b, double[] out) {
        double fy = (l + 16) / 116;
        double fx = fy + a / 500;
        double fz = fy - b / 200;
        double x = XN * fInverse(fx);
        double y = fInverse(fy);
        double z = ZN * fInverse(fz);
        double[] m = XYZ_TO_RGB;
        out[0] = encodeFast(m[0] * x + m[1] * y + m[2] * z);
        out[1] = encodeFast(m[3] * x + m[4] * y + m[5] * z);
        out[2] = encodeFast(m[6] * x + m[7] * y + m[8] * z);
    }

    static void lalphabeta(double r, double g, double b, double[] out) {
        double[] m = RGB_TO_LMS;
        double l = Math.log10(Math.max(LMS_FLOOR, m[0] * r + m[1] * g + m[2] * b));
        double mm = Math.log10(Math.max(LMS_FLOOR, m[3] * r + m[4] * g + m[5] * b));
        double s = Math.log10(Math.max(LMS_FLOOR, m[6] * r + m[7] * g + m[8] * b));
        out[0] = (l + mm + s) / S3;
        out[1] = (l + mm - 2 * s) / S6;
        out[2] = (l - mm) / S2;
    }

    static void lalphabetaInverse(double lum, double alpha, double beta, double[] out) {
        double l = Math.pow(10, lum / S3 + alpha / S6 + beta / S2);
        double mm = Math.pow(10, lum / S3 + alpha / S6 - beta / S2);
        double s = Math.pow(10, lum / S3 - 2 * alpha / S6);
        double[] m = LMS_TO_RGB;
        out[0] = encodeFast(m[0] * l + m[1] * mm + m[2] * s);
        out[1] = encodeFast(m[3] * l + m[4] * mm + m[5] * s);
        out[2] = encodeFast(m[6] * l + m[7] * mm + m[8] * s);
    }

    /** Rec. 709 luma of [0, 1] RGB planes (or the grey plane itself), per pixel. */
    static float[] luma(Image img) {
        short[][] p = img.colourRef();
        int n = img.pixels();
        float[] y = new float[n];
        double inv = 1.0 / img.maxValue();
        Parallel.forRange(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                if (p.length == 1) {
                    y[i] = (float) ((p[0][i] & 0xFFFF) * inv);
                } else {
                    y[i] = (float) ((0.2126 * (p[0][i] & 0xFFFF) + 0.7152 * (p[1][i] & 0xFFFF)
                        + 0.0722 * (p[2][i] & 0xFFFF)) * inv);
                }
            }
        });
        return y;
    }
}
