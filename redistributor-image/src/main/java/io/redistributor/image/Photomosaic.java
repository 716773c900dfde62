package io.redistributor.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Photomosaics: a target image rebuilt from tile photos. The target is cut into square cells;
 * each cell takes the tile whose mean colour is nearest to the cell's (ties to the earlier tile),
 * centre-cropped and resized to the cell, and the tile's colours are then redistributed onto the
 * cell's own colour distribution with {@link ColorTransfer#match}, so the mosaic reproduces the
 * target's colours while showing the tiles' content. Cells at the right and bottom edges may be
 * smaller. Cells are independent, so the result is the same for any thread count.
 */
public final class Photomosaic {

    private Photomosaic() {
    }

    /**
     * Reads every image file (.png, .jpg, .jpeg, .bmp, .gif, .tif, .tiff, .webp) of a folder, in
     * name order.
     *
     * @param dir the folder
     * @return the tiles, at least one
     * @throws ImageFileException if the folder holds no image or an image cannot be read
     */
    public static List<Image> readTiles(Path dir) throws ImageFileException {
        ColorTransfer.notNull(dir, "dir");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> isImageName(p.getFileName().toString())).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new ImageFileException(dir, "cannot be listed (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new ImageFileException(dir, "holds no image files (.png, .jpg, .bmp, .gif, .tif, .webp)", null);
        }
        List<Image> tiles = new ArrayList<>();
        for (Path f : files) {
            tiles.add(ImageFiles.read(f));
        }
        return tiles;
    }

    private static boolean isImageName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp")
            || n.endsWith(".gif") || n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".webp");
    }

    /**
     * Builds the mosaic.
     *
     * @param target the image to rebuild
     * @param tiles the tile photos, at least one; converted to the target's bit depth and channels
     * @param cell the side of a cell in pixels, at least 4
     * @param options the per-cell transfer (masks are not allowed: cells are whole)
     * @return the mosaic, the size, depth and channels of the target, with its alpha
     * @throws IllegalArgumentException if tiles is empty, cell is below 4, or options carry masks
     */
    public static Image build(Image target, List<Image> tiles, int cell, TransferOptions options) {
        ColorTransfer.notNull(target, "target");
        ColorTransfer.notNull(tiles, "tiles");
        ColorTransfer.notNull(options, "options");
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("tiles must hold at least one image");
        }
        if (cell < 4) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "cell (%d) must be >= 4 pixels", cell));
        }
        if (options.sourceMask() != null || options.referenceMask() != null) {
            throw new IllegalArgumentException("options must not carry masks for a photomosaic");
        }
        List<Image> prepared = new ArrayList<>();
        double[][] means = new double[tiles.size()][];
        for (int t = 0; t < tiles.size(); t++) {
            Image tile = ColorTransfer.notNull(tiles.get(t), "tiles[" + t + "]").toBitDepth(target.bitDepth());
            tile = target.isGrey() ? tile.toGrey() : tile.toRgb();
            Image square = Resample.cropResize(tile, cell, cell);
            prepared.add(square);
            means[t] = mean(square, 0, 0, cell, cell);
        }
        int w = target.width();
        int h = target.height();
        int cols = (w + cell - 1) / cell;
        int rows = (h + cell - 1) / cell;
        short[][] out = new short[target.channels()][w * h];
        IntStream.range(0, cols * rows).parallel().forEach(k -> {
            int x0 = (k % cols) * cell;
            int y0 = (k / cols) * cell;
            int cw = Math.min(cell, w - x0);
            int ch = Math.min(cell, h - y0);
            Image region = Resample.crop(target, x0, y0, cw, ch);
            double[] m = mean(region, 0, 0, cw, ch);
            int best = nearest(means, m);
            Image tile = Resample.crop(prepared.get(best), 0, 0, cw, ch);
            Image filled = cw * ch >= 3 ? ColorTransfer.match(tile, region, options) : region;
            short[][] f = filled.colourRef();
            for (int c = 0; c < out.length; c++) {
                for (int y = 0; y < ch; y++) {
                    System.arraycopy(f[c], y * cw, out[c], (y0 + y) * w + x0, cw);
                }
            }
        });
        return target.withColour(out);
    }

    private static int nearest(double[][] means, double[] m) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int t = 0; t < means.length; t++) {
            double d = 0;
            for (int c = 0; c < m.length; c++) {
                double e = means[t][c] - m[c];
                d += e * e;
            }
            if (d < bestD) {
                bestD = d;
                best = t;
            }
        }
        return best;
    }

    private static double[] mean(Image img, int x0, int y0, int w, int h) {
        short[][] p = img.colourRef();
        double[] m = new double[p.length];
        for (int c = 0; c < p.length; c++) {
            double s = 0;
            for (int y = y0; y < y0 + h; y++) {
                for (int x = x0; x < x0 + w; x++) {
                    s += p[c][y * img.width() + x] & 0xFFFF;
                }
            }
            m[c] = s / ((double) w * h);
        }
        return m;
    }
}
