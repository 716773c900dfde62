package io.redistributor.image;

import java.util.Arrays;
import java.util.Locale;

/**
 * The distinct colours of the selected pixels of an 8-bit RGB image, with the number of pixels
 * of each, so that a transform that depends on a pixel's colour alone runs once per distinct
 * colour and then once per pixel as a lookup. A colour is the 24-bit code
 * {@code r << 16 | g << 8 | b}.
 *
 * <p>The pixels are first partitioned by red level into one array of (green, blue) pairs (2 bytes
 * per selected pixel), block by block of consecutive pixels: each block's pairs stay together,
 * grouped by red within it, so that a block is written and later read back within a small
 * stretch of memory. Each red level is then counted, listed and later looked up in a table of
 * its 2^16 (green, blue) pairs (256 KiB, which stays in cache) from its run in every block, the
 * levels in parallel, each by one thread; the outputs go back to the pixels in one pass in pixel
 * order. The counts are integer sums, so the palette is the same for any thread count and any
 * partition of the pixels.
 */
final class Palette {

    /** Colours per red level. */
    private static final int PAIRS = 1 << 16;
    /** Pixels per block of the partition by red, for the default number of blocks. */
    private static final int BLOCK_PIXELS = 1 << 20;
    /** Most blocks of the partition by red. */
    private static final int MAX_BLOCKS = 64;
    /** Red levels per task when counting and looking up. */
    private static final int LEVELS_PER_TASK = 4;
    /** Red levels. */
    private static final int LEVELS = 256;

    /** The distinct colours, ascending. */
    private final int[] colours;
    /** Pixels of each distinct colour. */
    private final int[] counts;
    /** The selected pixels' (green, blue) pairs, grouped by red level (see {@link Partition}). */
    private final Partition partition;
    /** levelStart[r]: the first distinct colour of red r (levelStart[256] = size). */
    private final int[] levelStart;

    private Palette(int[] colours, int[] counts, Partition partition, int[] levelStart) {
        this.levelStart = levelStart;
        this.colours = colours;
        this.counts = counts;
        this.partition = partition;
    }

    /**
     * The selected pixels partitioned by block and red level: pairs[first[b][r] .. first[b][r + 1])
     * holds the (green &lt;&lt; 8 | blue) pairs of block b's pixels of red r in pixel order, block
     * after block (first[b][256] = first[b + 1][0]).
     */
    private static final class Partition {
        final int blocks;
        final int[][] first;
        final char[] pairs;

        Partition(int blocks, int[][] first, char[] pairs) {
            this.blocks = blocks;
            this.first = first;
            this.pairs = pairs;
        }
    }

    /**
     * The palette of the selected pixels (all when mask is null) of an 8-bit RGB image.
     *
     * @throws IllegalArgumentException if the image is not 8-bit RGB
     */
    static Palette of(Image img, boolean[] mask) {
        return of(img, mask, Math.max(1, Math.min(MAX_BLOCKS, img.pixels() / BLOCK_PIXELS)));
    }

    /**
     * As {@link #of(Image, boolean[])}, partitioning the pixels by red in the given number of
     * blocks of consecutive pixels (at least 1, each partitioned by one thread); the result does
     * not depend on it.
     */
    static Palette of(Image img, boolean[] mask, int blocks) {
        check(img);
        short[][] p = img.colourRef();
        int n = img.pixels();
        short[] red = p[0];
        // at[b][r]: pixels of red r in block b, then the block's first slot for them
        int[][] at = new int[blocks][];
        Parallel.forEach(blocks, blocks > 1, b -> {
            int[] h = new int[LEVELS + 1];
            for (int i = from(n, b, blocks), to = from(n, b + 1, blocks); i < to; i++) {
                if (mask == null || mask[i]) {
                    h[red[i]]++;
                }
            }
            at[b] = h;
        });
        int next = 0;
        for (int b = 0; b < blocks; b++) {
            for (int r = 0; r <= LEVELS; r++) {
                int c = at[b][r];
                at[b][r] = next;
                next += c;
            }
        }
        int[][] first = new int[blocks][];
        for (int b = 0; b < blocks; b++) {
            first[b] = at[b].clone();
        }
        char[] pairs = new char[next];
        short[] green = p[1];
        short[] blue = p[2];
        Parallel.forEach(blocks, blocks > 1, b -> {
            int[] slot = at[b];
            for (int i = from(n, b, blocks), to = from(n, b + 1, blocks); i < to; i++) {
                if (mask == null || mask[i]) {
                    pairs[slot[red[i]]++] = (char) (green[i] << 8 | blue[i]);
                }
            }
        });
        return list(new Partition(blocks, first, pairs));
    }

    private static int from(int n, int b, int blocks) {
        return (int) ((long) n * b / blocks);
    }

    private static void check(Image img) {
        if (img.channels() != 3 || img.maxValue() != 255) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "image (%d channels, %d-bit) must be 8-bit RGB for a palette", img.channels(), img.bitDepth()));
        }
    }

    private static int code(short r, short g, short b) {
        return r << 16 | g << 8 | b;
    }

    /** Runs {@code body} for each red level with a table of {@link #PAIRS} ints per task, zero at the start. */
    private static void byLevel(Partition q, LevelBody body) {
        int tasks = LEVELS / LEVELS_PER_TASK;
        Parallel.forEach(tasks, q.pairs.length >= Parallel.THRESHOLD, t -> {
            int[] table = new int[PAIRS];
            for (int r = t * LEVELS_PER_TASK; r < (t + 1) * LEVELS_PER_TASK; r++) {
                body.run(r, table);
            }
        });
    }

    /** Work on one red level with a task's table. */
    @FunctionalInterface
    private interface LevelBody {
        void run(int r, int[] table);
    }

    /**
     * Counts each red level's pairs, lists its distinct colours ascending with their counts
     * (clearing the table for the next level), and joins the levels.
     */
    private static Palette list(Partition q) {
        char[] pairs = q.pairs;
        int[][] levelColours = new int[LEVELS][];
        int[][] levelCounts = new int[LEVELS][];
        byLevel(q, (r, table) -> {
            for (int[] first : q.first) {
                for (int k = first[r], to = first[r + 1]; k < to; k++) {
                    table[pairs[k]]++;
                }
            }
            int m = 0;
            for (int gb = 0; gb < PAIRS; gb++) {
                if (table[gb] != 0) {
                    m++;
                }
            }
            int[] c = new int[m];
            int[] w = new int[m];
            int base = r << 16;
            for (int gb = 0, at = 0; at < m; gb++) {
                if (table[gb] != 0) {
                    c[at] = base | gb;
                    w[at++] = table[gb];
                    table[gb] = 0;
                }
            }
            levelColours[r] = c;
            levelCounts[r] = w;
        });
        int[] levelStart = new int[LEVELS + 1];
        for (int r = 0; r < LEVELS; r++) {
            levelStart[r + 1] = levelStart[r] + levelColours[r].length;
        }
        int[] colours = new int[levelStart[LEVELS]];
        int[] counts = new int[colours.length];
        for (int r = 0; r < LEVELS; r++) {
            System.arraycopy(levelColours[r], 0, colours, levelStart[r], levelColours[r].length);
            System.arraycopy(levelCounts[r], 0, counts, levelStart[r], levelCounts[r].length);
        }
        return new Palette(colours, counts, q, levelStart);
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

    /**
     * The distinct colours in a space, {@code [channel][k]} for colour k: the values
     * {@link Colour#forwardAt(short[][], int, Space, int[])} gives on {@link #planes()}, taken
     * straight from the colour codes in CIELAB.
     */
    float[][] forward(Space space) {
        return space == Space.LAB ? Colour.labOfCodes(colours) : Colour.forwardAt(planes(), 255, space, null);
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
     * Maps the selected pixels of the image and mask this palette was built from: distinct
     * colour k becomes (out[0][k], out[1][k], out[2][k]); unselected pixels keep their samples.
     * Each red level's outputs go into a task's table of (green, blue) pairs, are read in the
     * order of the partition and stored over the pairs, and a last pass takes each pixel's output
     * from its red level's next slot, so every pass over the pixels reads and writes memory in
     * order. Replaces the pairs, so it is called once.
     *
     * @return new planes of the image's size
     */
    short[][] apply(Image img, boolean[] mask, short[][] out) {
        short[] o0 = out[0];
        short[] o1 = out[1];
        short[] o2 = out[2];
        Partition q = partition;
        char[] pairs = q.pairs;
        // per slot: red output in reds, (green, blue) outputs over the pair
        byte[] reds = new byte[pairs.length];
        byLevel(q, (r, table) -> {
            // only this level's colours are read back, and each was written for this level
            for (int k = levelStart[r], to = levelStart[r + 1]; k < to; k++) {
                table[colours[k] & 0xFFFF] = o0[k] | o1[k] << 8 | o2[k] << 16;
            }
            for (int[] first : q.first) {
                for (int k = first[r], to = first[r + 1]; k < to; k++) {
                    int v = table[pairs[k]];
                    reds[k] = (byte) v;
                    pairs[k] = (char) (v >>> 8);
                }
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
        int blocks = q.blocks;
        Parallel.forEach(blocks, blocks > 1, block -> {
            int[] slot = q.first[block].clone();
            for (int i = from(n, block, blocks), to = from(n, block + 1, blocks); i < to; i++) {
                if (mask == null || mask[i]) {
                    int k = slot[r[i]]++;
                    int gb = pairs[k];
                    d0[i] = (short) (reds[k] & 0xFF);
                    d1[i] = (short) (gb & 0xFF);
                    d2[i] = (short) (gb >>> 8);
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
