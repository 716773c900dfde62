package io.redistributor.image;

import java.util.BitSet;
import java.util.Locale;

/**
 * A selection of pixels of an image. In a transfer, only the selected pixels of the source and of
 * the reference define their colour distributions, and only the selected source pixels change.
 * Immutable.
 */
public final class Mask {

    private final int width;
    private final int height;
    private final BitSet bits;
    private final int count;

    private Mask(int width, int height, BitSet bits) {
        this.width = width;
        this.height = height;
        this.bits = bits;
        this.count = bits.cardinality();
    }

    /**
     * A mask from an image: a pixel is selected when its first colour sample is above half the
     * sample range (white selects, black does not), as with a mask painted in an image editor.
     *
     * @param image the mask image
     * @return the mask
     */
    public static Mask of(Image image) {
        BitSet b = new BitSet(image.pixels());
        short[] p = image.colourRef()[0];
        int half = image.maxValue() / 2;
        for (int i = 0; i < p.length; i++) {
            if ((p[i] & 0xFFFF) > half) {
                b.set(i);
            }
        }
        return new Mask(image.width(), image.height(), b);
    }

    /**
     * A mask from row-major flags.
     *
     * @param width width in pixels
     * @param height height in pixels
     * @param selected width × height flags (copied)
     * @return the mask
     * @throws IllegalArgumentException if the length is not width × height
     */
    public static Mask of(int width, int height, boolean[] selected) {
        Image.checkSize(width, height);
        if (selected == null || selected.length != width * height) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "selected length (%s) must be width * height (%d)",
                selected == null ? "null" : selected.length, width * height));
        }
        BitSet b = new BitSet(selected.length);
        for (int i = 0; i < selected.length; i++) {
            if (selected[i]) {
                b.set(i);
            }
        }
        return new Mask(width, height, b);
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
     * Number of selected pixels.
     *
     * @return the count
     */
    public int count() {
        return count;
    }

    /**
     * Whether pixel i (row-major) is selected.
     *
     * @param i pixel index
     * @return true if selected
     */
    public boolean selected(int i) {
        return bits.get(i);
    }

    /** Checks that this mask fits an image; {@code name} names the argument in the message. */
    void checkFits(Image image, String name) {
        if (width != image.width() || height != image.height()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s (%d x %d) must have the size of its image (%d x %d)", name, width, height, image.width(),
                image.height()));
        }
    }

    /** The selection as a row-major boolean array. */
    boolean[] toArray() {
        boolean[] a = new boolean[width * height];
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            a[i] = true;
        }
        return a;
    }
}
