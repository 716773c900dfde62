package io.redistributor.image;

import java.util.Arrays;
import java.util.Locale;

/**
 * A decoded raster image: one grey or three RGB colour planes of unsigned 8- or 16-bit samples,
 * plus an optional alpha plane that every operation passes through untouched.
 *
 * <p>Samples are stored planar, one {@code short[]} per channel in row-major order, and read as
 * unsigned values in [0, {@link #maxValue()}]. Palette images are expanded to RGB when read, so
 * an image is always grey or RGB. Instances are immutable: factories copy their arrays and
 * accessors return copies.
 */
public final class Image {

    private final int width;
    private final int height;
    private final int bitDepth;
    private final short[][] colour;
    private final short[] alpha;
    private final String format;

    /** Takes the arrays without copying; callers inside the package hand over ownership. */
    Image(int width, int height, int bitDepth, short[][] colour, short[] alpha, String format) {
        this.width = width;
        this.height = height;
        this.bitDepth = bitDepth;
        this.colour = colour;
        this.alpha = alpha;
        this.format = format;
    }

    /**
     * Creates an image from planes of unsigned samples (copied).
     *
     * @param width width in pixels, at least 1
     * @param height height in pixels, at least 1
     * @param bitDepth 8 or 16
     * @param colour one (grey) or three (RGB) planes of width × height samples
     * @param alpha an alpha plane of width × height samples, or null for none
     * @return the image
     * @throws IllegalArgumentException if a size, the bit depth or the number of planes is wrong, or
     *     a sample exceeds 2^bitDepth - 1
     */
    public static Image of(int width, int height, int bitDepth, short[][] colour, short[] alpha) {
        checkSize(width, height);
        checkDepth(bitDepth);
        if (colour == null || (colour.length != 1 && colour.length != 3)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "colour planes (%s) must be 1 (grey) or 3 (RGB)", colour == null ? "null" : colour.length));
        }
        int n = width * height;
        short[][] c = new short[colour.length][];
        for (int k = 0; k < colour.length; k++) {
            c[k] = checkPlane(colour[k], n, bitDepth, "colour[" + k + "]");
        }
        short[] a = alpha == null ? null : checkPlane(alpha, n, bitDepth, "alpha");
        return new Image(width, height, bitDepth, c, a, null);
    }

    /**
     * Creates an 8-bit RGB image from packed {@code 0xRRGGBB} integers (the top byte is ignored).
     *
     * @param width width in pixels
     * @param height height in pixels
     * @param rgb width × height packed pixels, row-major
     * @return the image, without alpha
     * @throws IllegalArgumentException if the sizes do not match
     */
    public static Image rgb8(int width, int height, int[] rgb) {
        checkSize(width, height);
        if (rgb == null || rgb.length != width * height) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "rgb length (%s) must be width * height (%d)",
                rgb == null ? "null" : rgb.length, width * height));
        }
        int n = rgb.length;
        short[][] c = new short[3][n];
        for (int i = 0; i < n; i++) {
            int p = rgb[i];
            c[0][i] = (short) ((p >> 16) & 0xFF);
            c[1][i] = (short) ((p >> 8) & 0xFF);
            c[2][i] = (short) (p & 0xFF);
        }
        return new Image(width, height, 8, c, null, null);
    }

    static void checkSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "image size (%d x %d) must be at least 1 x 1", width, height));
        }
        if ((long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "image size (%d x %d) must hold fewer than 2^31 pixels", width, height));
        }
    }

    static void checkDepth(int bitDepth) {
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "bitDepth (%d) must be 8 or 16", bitDepth));
        }
    }

    private static short[] checkPlane(short[] plane, int n, int bitDepth, String name) {
        if (plane == null || plane.length != n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s length (%s) must be width * height (%d)",
                name, plane == null ? "null" : plane.length, n));
        }
        int max = (1 << bitDepth) - 1;
        for (int i = 0; i < n; i++) {
            if ((plane[i] & 0xFFFF) > max) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s[%d] (%d) must be <= %d for %d-bit data",
                    name, i, plane[i] & 0xFFFF, max, bitDepth));
            }
        }
        return plane.clone();
    }

    /**
     * Width in pixels.
     *
     * @return the width
     */
    public int width() {
        return width;
    }

    /**
     * Height in pixels.
     *
     * @return the height
     */
    public int height() {
        return height;
    }

    /**
     * Number of pixels, width × height.
     *
     * @return the pixel count
     */
    public int pixels() {
        return width * height;
    }

    /**
     * Bits per sample: 8 or 16.
     *
     * @return the bit depth
     */
    public int bitDepth() {
        return bitDepth;
    }

    /**
     * The largest sample value, 255 or 65535.
     *
     * @return 2^bitDepth - 1
     */
    public int maxValue() {
        return (1 << bitDepth) - 1;
    }

    /**
     * Number of colour channels: 1 for grey, 3 for RGB (alpha not counted).
     *
     * @return 1 or 3
     */
    public int channels() {
        return colour.length;
    }

    /**
     * Whether the image is grey (one colour channel).
     *
     * @return true for grey
     */
    public boolean isGrey() {
        return colour.length == 1;
    }

    /**
     * Whether the image has an alpha channel.
     *
     * @return true with alpha
     */
    public boolean hasAlpha() {
        return alpha != null;
    }

    /**
     * The lower-case ImageIO format name of the file this image was read from ("png", "jpeg", …),
     * or null for an image made in memory.
     *
     * @return the source format or null
     */
    public String format() {
        return format;
    }

    /**
     * One sample.
     *
     * @param channel 0 … channels() - 1
     * @param x column
     * @param y row
     * @return the unsigned sample value
     * @throws IndexOutOfBoundsException if an index is outside the image
     */
    public int sample(int channel, int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException(String.format(Locale.ROOT,
                "pixel (%d, %d) is outside the %d x %d image", x, y, width, height));
        }
        return colour[channel][y * width + x] & 0xFFFF;
    }

    /**
     * A copy of one colour plane as unsigned values.
     *
     * @param channel 0 … channels() - 1
     * @return width × height samples, row-major
     */
    public int[] plane(int channel) {
        short[] p = colour[channel];
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] & 0xFFFF;
        }
        return out;
    }

    /**
     * A copy of the alpha plane as unsigned values, or null without alpha.
     *
     * @return the alpha samples or null
     */
    public int[] alphaPlane() {
        if (alpha == null) {
            return null;
        }
        int[] out = new int[alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            out[i] = alpha[i] & 0xFFFF;
        }
        return out;
    }

    /** The colour planes without copying (package use; never modify). */
    short[][] colourRef() {
        return colour;
    }

    /** The alpha plane without copying, or null (package use; never modify). */
    short[] alphaRef() {
        return alpha;
    }

    /**
     * The same pixels with the given colour planes (owned by the new image) and this image's alpha
     * and format.
     */
    Image withColour(short[][] planes) {
        return new Image(width, height, bitDepth, planes, alpha, format);
    }

    /**
     * This image converted to another bit depth: 8 → 16 multiplies by 257, 16 → 8 rounds
     * {@code v / 257} to nearest. Alpha is converted the same way.
     *
     * @param depth 8 or 16
     * @return this image if the depth is unchanged, else a converted copy
     * @throws IllegalArgumentException if depth is neither 8 nor 16
     */
    public Image toBitDepth(int depth) {
        checkDepth(depth);
        if (depth == bitDepth) {
            return this;
        }
        short[][] c = new short[colour.length][];
        for (int k = 0; k < c.length; k++) {
            c[k] = convert(colour[k], depth);
        }
        return new Image(width, height, depth, c, alpha == null ? null : convert(alpha, depth), format);
    }

    private static short[] convert(short[] p, int depth) {
        short[] out = new short[p.length];
        for (int i = 0; i < p.length; i++) {
            int v = p[i] & 0xFFFF;
            out[i] = (short) (depth == 16 ? v * 257 : (v + 128) / 257);
        }
        return out;
    }

    /**
     * This image as grey: the Rec. 709 luma 0.2126 R + 0.7152 G + 0.0722 B of the stored values,
     * rounded. Alpha is kept.
     *
     * @return this image if already grey, else a grey copy
     */
    public Image toGrey() {
        if (isGrey()) {
            return this;
        }
        int n = pixels();
        short[] g = new short[n];
        for (int i = 0; i < n; i++) {
            double y = 0.2126 * (colour[0][i] & 0xFFFF) + 0.7152 * (colour[1][i] & 0xFFFF)
                + 0.0722 * (colour[2][i] & 0xFFFF);
            g[i] = (short) Math.min(maxValue(), (int) Math.round(y));
        }
        return new Image(width, height, bitDepth, new short[][] {g}, alpha, format);
    }

    /**
     * This image as RGB: grey is copied into three equal channels.
     *
     * @return this image if already RGB, else an RGB copy
     */
    public Image toRgb() {
        if (!isGrey()) {
            return this;
        }
        return new Image(width, height, bitDepth, new short[][] {colour[0], colour[0].clone(), colour[0].clone()},
            alpha, format);
    }

    /**
     * A downscaled copy by box averaging over {@code factor × factor} blocks (the last partial
     * row and column of blocks are averaged over the pixels they hold).
     *
     * @param factor the reduction, at least 1
     * @return this image for factor 1, else the smaller image
     * @throws IllegalArgumentException if factor is below 1
     */
    public Image downscale(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "factor (%d) must be >= 1", factor));
        }
        if (factor == 1) {
            return this;
        }
        int w = (width + factor - 1) / factor;
        int h = (height + factor - 1) / factor;
        short[][] c = new short[colour.length][];
        for (int k = 0; k < c.length; k++) {
            c[k] = box(colour[k], factor, w, h);
        }
        return new Image(w, h, bitDepth, c, alpha == null ? null : box(alpha, factor, w, h), format);
    }

    private short[] box(short[] p, int f, int w, int h) {
        short[] out = new short[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long sum = 0;
                int count = 0;
                for (int yy = y * f, ye = Math.min(height, yy + f); yy < ye; yy++) {
                    for (int xx = x * f, xe = Math.min(width, xx + f); xx < xe; xx++) {
                        sum += p[yy * width + xx] & 0xFFFF;
                        count++;
                    }
                }
                out[y * w + x] = (short) ((sum + count / 2) / count);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Image)) {
            return false;
        }
        Image m = (Image) o;
        return width == m.width && height == m.height && bitDepth == m.bitDepth && Arrays.deepEquals(colour, m.colour)
            && Arrays.equals(alpha, m.alpha);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.deepHashCode(colour);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Image[%dx%d, %s, %d-bit%s]", width, height, isGrey() ? "grey" : "RGB", bitDepth,
            alpha == null ? "" : ", alpha");
    }
}
