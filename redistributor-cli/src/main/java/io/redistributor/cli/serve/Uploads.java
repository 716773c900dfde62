package io.redistributor.cli.serve;

import io.redistributor.image.Image;
import io.redistributor.image.ImageFileException;
import io.redistributor.image.ImageFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks uploaded bytes before they are decoded: the file must start with the signature of a
 * format the image module reads (PNG, JPEG, GIF, BMP, TIFF, WebP) and its header must declare no
 * more pixels than the limit. Only then is it decoded by {@link ImageFiles#decode}.
 */
final class Uploads {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] GIF87 = "GIF87a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GIF89 = "GIF89a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BMP = {'B', 'M'};
    private static final byte[] TIFF_LE = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BE = {'M', 'M', 0, 42};
    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP = "WEBP".getBytes(StandardCharsets.US_ASCII);

    private Uploads() {
    }

    /**
     * The format announced by the file's first bytes.
     *
     * @param b the file's bytes
     * @return "png", "jpeg", "gif", "bmp", "tiff" or "webp", or null when none matches
     */
    static String sniff(byte[] b) {
        if (starts(b, PNG, 0)) {
            return "png";
        }
        if (starts(b, JPEG, 0)) {
            return "jpeg";
        }
        if (starts(b, GIF87, 0) || starts(b, GIF89, 0)) {
            return "gif";
        }
        if (starts(b, TIFF_LE, 0) || starts(b, TIFF_BE, 0)) {
            return "tiff";
        }
        if (starts(b, RIFF, 0) && starts(b, WEBP, 8)) {
            return "webp";
        }
        if (starts(b, BMP, 0) && b.length >= 26) {
            return "bmp";
        }
        return null;
    }

    private static boolean starts(byte[] b, byte[] prefix, int at) {
        if (b.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks and decodes an upload.
     *
     * @param bytes the uploaded file
     * @param name the file name the client gave (for messages only)
     * @param maxPixels the most pixels accepted
     * @return the decoded image, upright
     * @throws ApiException 415 if the bytes are not an image, 413 if the image has more than
     *     {@code maxPixels} pixels, 422 if it is truncated or corrupt
     */
    static Image decode(byte[] bytes, String name, long maxPixels) {
        if (bytes.length == 0) {
            throw new ApiException(400, "empty", "the upload is empty; send the image file as the request body");
        }
        if (sniff(bytes) == null) {
            throw new ApiException(415, "not-an-image", String.format(Locale.ROOT,
                "%s is not an image: its first bytes are not those of PNG, JPEG, GIF, BMP, TIFF or WebP", name));
        }
        long pixels = declaredPixels(bytes, name);
        if (pixels > maxPixels) {
            throw new ApiException(413, "too-many-pixels", String.format(Locale.ROOT,
                "%s has %d pixels, more than the limit of %d (see --max-pixels)", name, pixels, maxPixels));
        }
        try {
            return ImageFiles.decode(bytes, Path.of("upload"));
        } catch (ImageFileException e) {
            throw new ApiException(422, "unreadable-image", name + " " + e.getMessage().replaceFirst("^upload: ", ""));
        }
    }

    /** Width × height from the header, without decoding the pixels. */
    private static long declaredPixels(byte[] bytes, String name) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ApiException(415, "not-an-image", name + " is not an image in a format this server reads");
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in, true, true);
                return (long) r.getWidth(0) * r.getHeight(0);
            } finally {
                r.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException) {
                throw (ApiException) e;
            }
            throw new ApiException(422, "unreadable-image", name + " is truncated or corrupt (its header cannot be read)");
        }
    }

    /**
     * A file name safe to show and to offer for download: the last path segment of what the
     * client sent, with characters other than letters, digits, dot, dash and underscore replaced.
     *
     * @param name the client's name, or null
     * @return a non-empty name of at most 100 characters
     */
    static String safeName(String name) {
        if (name == null) {
            return "image";
        }
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
        if (n.length() > 100) {
            n = n.substring(n.length() - 100);
        }
        return n.isEmpty() ? "image" : n;
    }
}
