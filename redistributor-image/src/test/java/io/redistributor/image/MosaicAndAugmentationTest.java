package io.redistributor.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosaicAndAugmentationTest {

    @TempDir
    Path dir;

    private static double cellError(Image a, Image b, int cell) {
        double err = 0;
        int cells = 0;
        for (int y0 = 0; y0 + cell <= a.height(); y0 += cell) {
            for (int x0 = 0; x0 + cell <= a.width(); x0 += cell) {
                for (int c = 0; c < 3; c++) {
                    double sa = 0;
                    double sb = 0;
                    for (int y = y0; y < y0 + cell; y++) {
                        for (int x = x0; x < x0 + cell; x++) {
                            sa += a.sample(c, x, y);
                            sb += b.sample(c, x, y);
                        }
                    }
                    err += Math.abs(sa - sb) / (cell * cell);
                }
                cells++;
            }
        }
        return err / (3 * cells);
    }

    @Test
    void mosaicReproducesTheTargetCellColours() throws IOException {
        Image target = Photos.read("chelsea.png", 4);
        for (String name : new String[] {"astronaut.png", "coffee.png", "rocket.jpg"}) {
            ImageFiles.write(Photos.read(name, 4), dir.resolve(name.replace(".jpg", ".png")));
        }
        List<Image> tiles = Photomosaic.readTiles(dir);
        assertEquals(3, tiles.size());
        TransferOptions o = TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.RGB);
        Image mosaic = Photomosaic.build(target, tiles, 10, o);
        assertEquals(target.width(), mosaic.width());
        assertEquals(target.height(), mosaic.height());
        // without redistribution the nearest tile's mean differs by tens of levels; with it, each
        // cell's mean follows the cell's distribution up to quantisation: within 3 levels on average
        double err = cellError(mosaic, target, 10);
        assertTrue(err < 3, "mean cell colour error " + err);
        assertTrue(!mosaic.equals(target));
        assertThrows(IllegalArgumentException.class, () -> Photomosaic.build(target, tiles, 3, o));
        assertThrows(IllegalArgumentException.class, () -> Photomosaic.build(target, List.of(), 8, o));
    }

    @Test
    void emptyTileFolderIsAnError() throws IOException {
        Files.writeString(dir.resolve("readme.txt"), "no images");
        ImageFileException e = assertThrows(ImageFileException.class, () -> Photomosaic.readTiles(dir));
        assertTrue(e.getMessage().contains("no image files"), e.getMessage());
    }

    @Test
    void augmentationIsReproducibleFromTheSeed() {
        Image src = Photos.read("astronaut.png", 8);
        List<Image> refs = List.of(Photos.read("coffee.png", 8), Photos.read("chelsea.png", 8));
        TransferOptions o = TransferOptions.defaults().withMethod(Method.PER_CHANNEL);
        List<Image> a = Augmentation.fromReferences(src, refs, 4, 7, o);
        List<Image> b = Augmentation.fromReferences(src, refs, 4, 7, o);
        assertEquals(a, b);
        assertEquals(a.subList(0, 2), Augmentation.fromReferences(src, refs, 2, 7, o));
        List<Image> t = Augmentation.fromRandomTargets(src, 3, 7);
        assertEquals(t, Augmentation.fromRandomTargets(src, 3, 7));
        assertNotEquals(t.get(0), t.get(1));
        assertNotEquals(t, Augmentation.fromRandomTargets(src, 3, 8));
        assertEquals(0, Augmentation.fromRandomTargets(src, 0, 7).size());
        assertThrows(IllegalArgumentException.class, () -> Augmentation.fromRandomTargets(src, -1, 7));
        assertThrows(IllegalArgumentException.class, () -> Augmentation.fromReferences(src, List.of(), 2, 7, o));
    }
}
