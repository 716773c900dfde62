package io.redistributor.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path dir;

    /** A w × h image whose samples are a deterministic function of position and channel. */
    static Image pattern(int w, int h, int depth, int channels, boolean alpha) {
        int max = (1 << depth) - 1;
        short[][] c = new short[channels][w * h];
        for (int k = 0; k < channels; k++) {
            for (int i = 0; i < w * h; i++) {
                c[k][i] = (short) ((i * 7919L + k * 104729L) % (max + 1));
            }
        }
        short[] a = null;
        if (alpha) {
            a = new short[w * h];
            for (int i = 0; i < a.length; i++) {
                a[i] = (short) ((i * 31L) % (max + 1));
            }
        }
        return Image.of(w, h, depth, c, a);
    }

    @Test
    void losslessFormatsRoundTripEveryLayoutAndDepth() throws IOException {
        String[] names = {"a.png", "b.tif"};
        for (String name : names) {
            for (int depth : new int[] {8, 16}) {
                for (int channels : new int[] {1, 3}) {
                    for (boolean alpha : new boolean[] {false, true}) {
                        Image img = pattern(13, 7, depth, channels, alpha);
                        Path f = dir.resolve(depth + "-" + channels + "-" + alpha + name);
                        ImageFiles.write(img, f);
                        Image back = ImageFiles.read(f);
                        assertEquals(img, back, f.toString());
                        assertEquals(depth, back.bitDepth());
                        assertEquals(alpha, back.hasAlpha());
                    }
                }
            }
        }
    }

    @Test
    void bmpAndGifKeepEightBitRgb() throws IOException {
        Image img = pattern(9, 5, 8, 3, false);
        Path bmp = dir.resolve("x.bmp");
        ImageFiles.write(img, bmp);
        assertEquals(img, ImageFiles.read(bmp));
        // GIF holds a palette of at most 256 colours; an image with four colours survives exactly
        int[] rgb = new int[20];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = new int[] {0xFF0000, 0x00FF00, 0x0000FF, 0x808080}[i % 4];
        }
        Image four = Image.rgb8(5, 4, rgb);
        Path gif = dir.resolve("x.gif");
        ImageFiles.write(four, gif);
        Image back = ImageFiles.read(gif);
        assertEquals("gif", back.format());
        assertArrayEquals(four.plane(0), back.plane(0));
        assertArrayEquals(four.plane(2), back.plane(2));
    }

    @Test
    void jpegIsCloseAndEightBit() throws IOException {
        int[] rgb = new int[64 * 64];
        Arrays.fill(rgb, 0x336699);
        Image img = Image.rgb8(64, 64, rgb);
        Path f = dir.resolve("x.jpg");
        ImageFiles.write(img, f, ImageFiles.WriteOptions.DEFAULT.withJpegQuality(1f));
        Image back = ImageFiles.read(f);
        assertEquals("jpeg", back.format());
        // a flat colour at quality 1 is reproduced up to YCbCr rounding: a few levels at most
        for (int c = 0; c < 3; c++) {
            for (int v : back.plane(c)) {
                assertTrue(Math.abs(v - img.plane(c)[0]) <= 3, "channel " + c + " value " + v);
            }
        }
    }

    @Test
    void paletteImagesExpandToRgb() throws IOException {
        byte[] r = {(byte) 255, 0, 10};
        byte[] g = {0, (byte) 255, 20};
        byte[] b = {0, 0, 30};
        IndexColorModel cm = new IndexColorModel(8, 3, r, g, b);
        BufferedImage bi = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, cm);
        bi.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {2, 0, 1});
        Path f = dir.resolve("pal.png");
        ImageIO.write(bi, "png", f.toFile());
        Image img = ImageFiles.read(f);
        assertEquals(3, img.channels());
        assertArrayEquals(new int[] {10, 255, 0}, img.plane(0));
        assertArrayEquals(new int[] {20, 0, 255}, img.plane(1));
        assertArrayEquals(new int[] {30, 0, 0}, img.plane(2));
    }

    @Test
    void cmykJpegIsConvertedToRgb() throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 8, 4, null);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                int v = x < 8 ? 255 : 0;
                raster.setPixel(x, y, new int[] {v, v, v, v});
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            w.write(null, new IIOImage(raster, null, null), null);
        } finally {
            w.dispose();
        }
        // an Adobe APP14 segment with transform 0 declares the four components CMYK
        ByteBuffer app14 = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        app14.put((byte) 0xFF).put((byte) 0xEE).putShort((short) 14).put("Adobe".getBytes(StandardCharsets.US_ASCII));
        app14.putShort((short) 100).putShort((short) 0).putShort((short) 0).put((byte) 0);
        byte[] jpeg = bytes.toByteArray();
        Path f = dir.resolve("cmyk.jpg");
        Files.write(f, concat(Arrays.copyOf(jpeg, 2), app14.array(), Arrays.copyOfRange(jpeg, 2, jpeg.length)));
        Image img = ImageFiles.read(f);
        assertEquals(3, img.channels());
        assertEquals(8, img.bitDepth());
        // no ink and full ink must decode to clearly different greys, whichever way the file stores ink
        int left = img.sample(1, 2, 4);
        int right = img.sample(1, 13, 4);
        assertTrue(Math.abs(left - right) > 100, left + " vs " + right);
    }

    @Test
    void exifOrientationInJpegTurnsTheImageUpright() throws IOException {
        // stored 32 x 16: left half red, right half blue; orientation 6 means rotate 90° clockwise
        int[] rgb = new int[32 * 16];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (i % 32) < 16 ? 0xFF0000 : 0x0000FF;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(ImageFiles.toBuffered(Image.rgb8(32, 16, rgb)), "jpeg", bytes);
        byte[] jpeg = bytes.toByteArray();
        byte[] tiff = tiffWithOrientation(6);
        ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiff.length).order(ByteOrder.BIG_ENDIAN);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length));
        app1.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).put(tiff);
        byte[] withExif = concat(Arrays.copyOf(jpeg, 2), app1.array(), Arrays.copyOfRange(jpeg, 2, jpeg.length));
        Path f = dir.resolve("rot.jpg");
        Files.write(f, withExif);
        Image img = ImageFiles.read(f);
        assertEquals(16, img.width());
        assertEquals(32, img.height());
        // the stored left (red) half is now on top
        assertTrue(img.sample(0, 8, 4) > 200 && img.sample(2, 8, 4) < 60);
        assertTrue(img.sample(2, 8, 28) > 200 && img.sample(0, 8, 28) < 60);
    }

    @Test
    void exifOrientationInPngIsApplied() throws IOException {
        Image img = pattern(5, 3, 8, 3, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(ImageFiles.toBuffered(img), "png", bytes);
        byte[] png = bytes.toByteArray();
        byte[] chunk = pngChunk("eXIf", tiffWithOrientation(3));
        // insert after the signature and the IHDR chunk (8 + 25 bytes)
        byte[] out = concat(Arrays.copyOf(png, 33), chunk, Arrays.copyOfRange(png, 33, png.length));
        Path f = dir.resolve("rot.png");
        Files.write(f, out);
        Image back = ImageFiles.read(f);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                assertEquals(img.sample(1, 4 - x, 2 - y), back.sample(1, x, y));
            }
        }
    }

    private static byte[] tiffWithOrientation(int orientation) {
        ByteBuffer t = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        t.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        t.putShort((short) 1);
        t.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        t.putInt(0);
        return t.array();
    }

    private static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void badInputsNameTheFile() throws IOException {
        Path missing = dir.resolve("missing.png");
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(missing));
        assertTrue(e.getMessage().contains("missing.png") && e.getMessage().contains("no such file"), e.getMessage());

        Path text = dir.resolve("notes.png");
        Files.writeString(text, "this is not an image");
        e = assertThrows(ImageFileException.class, () -> ImageFiles.read(text));
        assertTrue(e.getMessage().contains("notes.png") && e.getMessage().contains("not an image"), e.getMessage());

        byte[] png = Files.readAllBytes(Photos.DIR.resolve("coffee.png"));
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(png, png.length / 2));
        e = assertThrows(ImageFileException.class, () -> ImageFiles.read(cut));
        assertTrue(e.getMessage().contains("cut.png") && e.getMessage().contains("truncated"), e.getMessage());

        byte[] jpg = Files.readAllBytes(Photos.DIR.resolve("rocket.jpg"));
        Path cutJpg = dir.resolve("cut.jpg");
        Files.write(cutJpg, Arrays.copyOf(jpg, jpg.length / 2));
        e = assertThrows(ImageFileException.class, () -> ImageFiles.read(cutJpg));
        assertTrue(e.getMessage().contains("cut.jpg") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void floatSamplesAreAnUnsupportedLayout() {
        java.awt.color.ColorSpace cs = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB);
        java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(cs, false, false,
            java.awt.Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        BufferedImage bi = new BufferedImage(cm, cm.createCompatibleWritableRaster(2, 2), false, null);
        ImageFileException e = assertThrows(ImageFileException.class,
            () -> ImageFiles.fromBuffered(bi, "tiff", Path.of("float.tif")));
        assertTrue(e.getMessage().contains("float.tif") && e.getMessage().contains("floating-point"), e.getMessage());
    }

    @Test
    void refusedWritesLeaveNothingBehind() throws IOException {
        Image deep = pattern(4, 4, 16, 3, false);
        Image alpha = pattern(4, 4, 8, 3, true);
        Path existing = dir.resolve("keep.jpg");
        Files.writeString(existing, "old");
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.write(deep, existing));
        assertTrue(e.getMessage().contains("keep.jpg") && e.getMessage().contains("8-bit"), e.getMessage());
        assertEquals("old", Files.readString(existing));
        e = assertThrows(ImageFileException.class, () -> ImageFiles.write(alpha, dir.resolve("a.bmp")));
        assertTrue(e.getMessage().contains("alpha"), e.getMessage());
        e = assertThrows(ImageFileException.class, () -> ImageFiles.write(alpha, dir.resolve("a.webp")));
        assertTrue(e.getMessage().contains("WebP"), e.getMessage());
        e = assertThrows(ImageFileException.class, () -> ImageFiles.write(alpha, dir.resolve("a.xyz")));
        assertTrue(e.getMessage().contains("unknown image extension"), e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the untouched file remains");
        }
    }

    @Test
    void writeReplacesAtomicallyAndConvertsDepthOnRequest() throws IOException {
        Image deep = pattern(6, 6, 16, 3, false);
        Path f = dir.resolve("out.jpg");
        Files.writeString(f, "old");
        ImageFiles.write(deep, f, ImageFiles.WriteOptions.DEFAULT.withBitDepth(8));
        Image back = ImageFiles.read(f);
        assertEquals(8, back.bitDepth());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file is left");
        }
        assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).startsWith("old"));
        if (Files.getFileStore(f).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            // not the private permissions of the temporary file
            Path fresh = dir.resolve("fresh.png");
            ImageFiles.write(deep, fresh);
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(fresh)));
        }
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.WriteOptions.DEFAULT.withBitDepth(12));
        assertThrows(IllegalArgumentException.class, () -> ImageFiles.WriteOptions.DEFAULT.withJpegQuality(Float.NaN));
    }

    @Test
    void bitDepthConversionRoundTrips() {
        Image eight = pattern(16, 16, 8, 3, true);
        assertEquals(eight, eight.toBitDepth(16).toBitDepth(8));
        assertEquals(65535, Image.of(1, 1, 8, new short[][] {{(short) 255}}, null).toBitDepth(16).sample(0, 0, 0));
    }

    /** A test resource as a file path. */
    private static Path resource(String name) {
        try {
            return Path.of(ImageFilesTest.class.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * WebP files made with cwebp from the 64 × 48 crop at (200, 80) of the bundled chelsea.png
     * (see the README beside them): the lossless one must give exactly the crop's samples, the
     * lossy one (quality 80) the crop's size and colours up to compression error.
     */
    @Test
    void webpFilesReadAsTheirSourcePixels() throws IOException {
        Image full = ImageFiles.read(Photos.DIR.resolve("chelsea.png"));
        Image lossless = ImageFiles.read(resource("chelsea-crop.webp"));
        Image lossy = ImageFiles.read(resource("chelsea-crop-lossy.webp"));
        for (Image img : new Image[] {lossless, lossy}) {
            assertEquals(64, img.width());
            assertEquals(48, img.height());
            assertEquals(3, img.channels());
            assertEquals(8, img.bitDepth());
            assertFalse(img.hasAlpha());
        }
        long absError = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    int expected = full.sample(c, 200 + x, 80 + y);
                    assertEquals(expected, lossless.sample(c, x, y), "channel " + c + " at " + x + ", " + y);
                    absError += Math.abs(expected - lossy.sample(c, x, y));
                }
            }
        }
        double mean = absError / (3.0 * 64 * 48);
        // lossy WebP at quality 80 of a furry texture: a few levels on average (measured 3.4 with
        // libwebp 1.2.4); 8 levels would be visibly wrong, and a misread (channels swapped, offset
        // or shifted rows) costs tens of levels
        assertTrue(mean < 8, "mean absolute error " + mean);
        assertTrue(mean > 0, "the lossy file is really lossy");
    }
}
