package io.redistributor.cli.serve;

import io.redistributor.image.Image;
import io.redistributor.image.ImageFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * What the page shows: 8-bit PNG previews that any browser displays (the originals may be 16-bit
 * TIFF or WebP), and the format of the full-resolution download.
 */
final class Previews {
    /** The longest side of a preview in pixels. */
    static final int MAX_SIDE = 1024;

    private Previews() {
    }

    /**
     * An 8-bit PNG of the image reduced by the smallest whole factor that brings its longer side
     * to at most {@link #MAX_SIDE} (box averaging), so that a source and its result of the same
     * size give previews of the same size.
     *
     * @param img the image
     * @return the PNG file's bytes
     */
    static byte[] png(Image img) {
        int side = Math.max(img.width(), img.height());
        int factor = (side + MAX_SIDE - 1) / MAX_SIDE;
        Image small = img.downscale(Math.max(1, factor)).toBitDepth(8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(ImageFiles.toBuffered(small), "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The extension of the download: the source's format when the image module can write it
     * with the image's bit depth and alpha, else PNG (which holds every image losslessly).
     *
     * @param result the result (it carries the source's format)
     * @return "png", "jpg", "bmp", "gif" or "tif"
     */
    static String extension(Image result) {
        String f = result.format() == null ? "png" : result.format();
        boolean eightBitOnly = f.equals("jpeg") || f.equals("bmp") || f.equals("gif");
        if (eightBitOnly && (result.bitDepth() != 8 || result.hasAlpha())) {
            return "png";
        }
        switch (f) {
            case "jpeg": return "jpg";
            case "bmp": return "bmp";
            case "gif": return "gif";
            case "tiff": return "tif";
            default: return "png";
        }
    }

    /** The MIME type of an extension from {@link #extension}. */
    static String mimeType(String ext) {
        switch (ext) {
            case "jpg": return "image/jpeg";
            case "bmp": return "image/bmp";
            case "gif": return "image/gif";
            case "tif": return "image/tiff";
            default: return "image/png";
        }
    }
}
