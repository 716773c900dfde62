package io.redistributor.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The distinct colours of the selected pixels of an 8-bit RGB image, with the number of pixels
 * of each, and a table from colours to output colours. A colour is the 24-bit code
 * {@code r << 16 | g << 8 | b}; one table of 2^24 ints (64 MiB) first counts the pixels of each
 * colour and later holds each colour's output, so that a transform that depends on a pixel's
 * colour alone runs once per distinct colour and then once per pixel as a lookup.
 *
 * <p>The counts are integer sums, so the palette is the same for any thread count; while
 * counting, up to {@value #MAX_TABLES} partial tables (64 MiB each) exist at once.
 */
final class Palette {

    /** Number of 24-bit colours. */
    static final int COLOURS = 1 << 24;
    /** Largest number of partial count tables (each 64 MiB), whatever the parallelism. */
    private static final int MAX_TABLES = 2;
    /** Pixels per partial table below which counting is not split. */
    private static final int MIN_SPLIT = 1 << 20;
    /** Codes per block when listing the distinct colours. */
    private static final int BLOCK = 1 << 16;

    /** Counts per colour, later output colours (r | g << 8 | b << 16) per colour. */
    private final int[] table;
    /** The distinct colours, ascending. */
    private final int[] colours;
    /** Pixels of each distinct colour. */
    private final int[] counts;

    private Palette(int[] table, int[] colours, int[] counts) {
        this.table = table;
        this.colours = colours;
        this.counts = counts;
    }

    /**
     * The palette of the selected pixels (all when mask is null) of an 8-bit RGB image.
     *
     * @throws IllegalArgumentException if the image is not 8-bit RGB
     */
    static Palette of(Image img, boolean[] mask) {
        int tables = Math.min(MAX_TABLES, ForkJoinPool.getCommonPoolParallelism());
        return of(img, mask, Math.max(1, Math.min(tables, img.pixels() / MIN_SPLIT)));
    }

    /**
     * As {@link #of(Image, boolean[])}, counting into the given number of partial tables (at
     * least 1) at once; the result does not depend on it.
     */
    static Palette of(Image img, boolean[] mask, int tables) {
        check(img);
        short[][] p = img.colourRef();
        int n = img.pixels();
        int[][] partial = new int[tables][];
        IntStream ids = IntStream.range(0, tables);
        (tables > 1 ? ids.parallel() : ids).forEach(t -> {
            int[] c = new int[COLOURS];
            count(p, mask, (int) ((long) n * t / tables), (int) ((long) n * (t + 1) / tables), c);
            partial[t] = c;
        });
        return list(partial);
    }

    private static void check(Image img) {
        if (img.channels() != 3 || img.maxValue() != 255) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "image (%d channels, %d-bit) must be 8-bit RGB for a palette", img.channels(), img.bitDepth()));
        }
    }

    private static void count(short[][] p, boolean[] mask, int from, int to, int[] c) {
        short[] r = p[0];
        short[] g = p[1];
        short[] b = p[2];
        for (int i = from; i < to; i++) {
            if (mask == null || mask[i]) {
                c[code(r[i], g[i], b[i])]++;
            }
        }
    }

    private static int code(short r, short g, short b) {
        return r << 16 | g << 8 | b;
    }

    /**
     * The colours with a nonzero count summed over the partial tables, ascending, listed by
     * blocks in parallel; the first table is kept for the outputs.
     */
    private static Palette list(int[][] partial) {
        int blocks = COLOURS / BLOCK;
        int[] offset = new int[blocks + 1];
        IntStream.range(0, blocks).parallel().forEach(k -> {
            int m = 0;
            for (int i = k * BLOCK, to = i + BLOCK; i < to; i++) {
                if (sum(partial, i) != 0) {
                    m++;
                }
            }
            offset[k + 1] = m;
        });
        for (int k = 0; k < blocks; k++) {
            offset[k + 1] += offset[k];
        }
        int[] colours = new int[offset[blocks]];
        int[] counts = new int[colours.length];
        IntStream.range(0, blocks).parallel().forEach(k -> {
            int at = offset[k];
            for (int i = k * BLOCK, to = i + BLOCK; i < to; i++) {
                int c = sum(partial, i);
                if (c != 0) {
                    colours[at] = i;
                    counts[at++] = c;
                }
            }
        });
        return new Palette(partial[0], colours, counts);
    }

    private static int sum(int[][] partial, int i) {
        int c = partial[0][i];
        for (int t = 1; t < partial.length; t++) {
            c += partial[t][i];
        }
        return c;
    }

    /** Number of distinct colours. */
    int size() {
        return colours.length;
    }

    /**
     * The entry of the first selected pixel's colour (in row-major order), given the image and
     * mask this palette was built from; 0 when nothing is selected.
     */
    int entryOfFirst(Image img, boolean[] mask) {
        int i = 0;
        while (mask != null && i < mask.length && !mask[i]) {
            i++;
        }
        if (i == img.pixels()) {
            return 0;
        }
        short[][] p = img.colourRef();
        return Math.max(0, Arrays.binarySearch(colours, code(p[0][i], p[1][i], p[2][i])));
    }

    /** Pixels of each distinct colour (shared, not to be modified). */
    int[] counts() {
        return counts;
    }

    /** The distinct colours as R, G and B planes of samples, one entry per colour. */
    short[][] planes() {
        int m = colours.length;
        short[][] p = new short[3][m];
        Parallel.forRange(m, (from, to) -> {
            for (int k = from; k < to; k++) {
                int v = colours[k];
                p[0][k] = (short) (v >>> 16);
                p[1][k] = (short) (v >>> 8 & 0xFF);
                p[2][k] = (short) (v & 0xFF);
            }
        });
        return p;
    }

    /**
     * Maps the selected pixels of an image whose selected colours are this palette's: distinct
     * colour k becomes (out[0][k], out[1][k], out[2][k]); unselected pixels keep their samples.
     * Replaces the counts in the table, so it is called once.
     *
     * @return new planes of the image's size
     */
    short[][] apply(Image img, boolean[] mask, short[][] out) {
        short[] o0 = out[0];
        short[] o1 = out[1];
        short[] o2 = out[2];
        Parallel.forRange(colours.length, (from, to) -> {
            for (int k = from; k < to; k++) {
                table[colours[k]] = o0[k] | o1[k] << 8 | o2[k] << 16;
            }
        });
        short[][] p = img.colourRef();
        short[] r = p[0];
        short[] g = p[1];
        short[] b = p[2];
        int n = img.pixels();
        short[][] dst = new short[3][n];
        short[] d0 = dst[0];
        short[] d1 = dst[1];
        short[] d2 = dst[2];
        Parallel.forRange(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                if (mask == null || mask[i]) {
                    int v = table[code(r[i], g[i], b[i])];
                    d0[i] = (short) (v & 0xFF);
                    d1[i] = (short) (v >>> 8 & 0xFF);
                    d2[i] = (short) (v >>> 16);
                } else {
                    d0[i] = r[i];
                    d1[i] = g[i];
                    d2[i] = b[i];
                }
            }
        });
        return dst;
    }
}
