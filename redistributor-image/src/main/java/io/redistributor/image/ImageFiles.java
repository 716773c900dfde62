package io.redistributor.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Reads and writes image files through {@code javax.imageio} with the TwelveMonkeys plugins.
 *
 * <p>Reading: PNG, JPEG (including CMYK and YCCK, converted to RGB by the plugin), BMP, GIF,
 * TIFF and WebP. 8- and 16-bit grey and RGB keep their samples; samples of fewer than 8 bits are
 * scaled to 8 bits; palette images are expanded to 8-bit RGB; alpha is kept (premultiplied alpha
 * is divided out). The EXIF orientation of JPEG, TIFF, PNG and WebP files is applied, so the
 * image comes out upright. Only the first image of a multi-image file is read. A missing file,
 * a file that is not an image, a truncated or corrupt file, or a layout outside the above (float
 * or 32-bit samples, more than four bands) raises {@link ImageFileException} naming the file.
 *
 * <p>Writing: PNG, JPEG, BMP, GIF and TIFF, chosen by the file extension. The image keeps its bit
 * depth unless {@link WriteOptions#bitDepth()} asks otherwise; JPEG, BMP and GIF hold only 8-bit
 * data without alpha, GIF at most 256 colours (written exactly with a palette), and asking them
 * for more is refused before anything is written. The file
 * is written to a temporary file in the same directory and renamed over the destination when
 * complete, so a failed write leaves no partial file.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /**
     * Options of {@link #write(Image, Path, WriteOptions)}.
     *
     * @param bitDepth 0 to keep the image's depth, else 8 or 16
     * @param jpegQuality JPEG quality in (0, 1]
     */
    public record WriteOptions(int bitDepth, float jpegQuality) {

        /** Keep the bit depth; JPEG quality 0.92. */
        public static final WriteOptions DEFAULT = new WriteOptions(0, 0.92f);

        /**
         * Validates the options.
         *
         * @param bitDepth 0 to keep the image's depth, else 8 or 16
         * @param jpegQuality JPEG quality in (0, 1]
         * @throws IllegalArgumentException if bitDepth is not 0, 8 or 16, or the quality is
         *     outside (0, 1] or NaN
         */
        public WriteOptions {
            if (bitDepth != 0 && bitDepth != 8 && bitDepth != 16) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "bitDepth (%d) must be 0 (keep), 8 or 16", bitDepth));
            }
            if (!(jpegQuality > 0 && jpegQuality <= 1)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "jpegQuality (%s) must be in (0, 1]", jpegQuality));
            }
        }

        /**
         * A copy with another bit depth.
         *
         * @param depth 0 (keep), 8 or 16
         * @return the modified options
         */
        public WriteOptions withBitDepth(int depth) {
            return new WriteOptions(depth, jpegQuality);
        }

        /**
         * A copy with another JPEG quality.
         *
         * @param quality in (0, 1]
         * @return the modified options
         */
        public WriteOptions withJpegQuality(float quality) {
            return new WriteOptions(bitDepth, quality);
        }
    }

    /**
     * Reads an image file, upright.
     *
     * @param file the file
     * @return the decoded image, with {@link Image#format()} set
     * @throws ImageFileException if the file is missing, unreadable, not an image, truncated or
     *     of an unsupported layout
     */
    public static Image read(Path file) throws ImageFileException {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageFileException(file, "no such file", e);
        } catch (IOException e) {
            throw new ImageFileException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
        return decode(bytes, file);
    }

    /**
     * Decodes an image held in memory; {@code name} is used in error messages only.
     *
     * @param bytes the encoded file
     * @param name the file the bytes came from
     * @return the decoded image, upright
     * @throws ImageFileException as for {@link #read(Path)}
     */
    public static Image decode(byte[] bytes, Path name) throws ImageFileException {
        BufferedImage bi;
        String format;
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageFileException(name, "is not an image in a supported format "
                    + "(PNG, JPEG, BMP, GIF, TIFF, WebP)", null);
            }
            ImageReader reader = readers.next();
            try {
                format = formatName(reader.getOriginatingProvider().getFormatNames()[0]);
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                bi = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (ImageFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageFileException(name, "is truncated or corrupt (" + e + ")", e);
        }
        for (String w : warnings) {
            String lower = w.toLowerCase(Locale.ROOT);
            if (lower.contains("premature") || lower.contains("truncat") || lower.contains("corrupt")
                || lower.contains("end of")) {
                throw new ImageFileException(name, "is truncated or corrupt (" + w + ")", null);
            }
        }
        Image img = fromBuffered(bi, format, name);
        return Orientation.apply(img, Orientation.of(bytes));
    }

    private static String formatName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "jpg": return "jpeg";
            case "tif": return "tiff";
            default: return n;
        }
    }

    /**
     * Converts a decoded {@link BufferedImage} to an {@link Image} (the same rules as
     * {@link #read(Path)}, without orientation).
     *
     * @param bi the image
     * @param format the format name to record, or null
     * @param name the file name for error messages
     * @return the image
     * @throws ImageFileException if the sample layout is unsupported
     */
    static Image fromBuffered(BufferedImage bi, String format, Path name) throws ImageFileException {
        ColorModel cm = bi.getColorModel();
        int w = bi.getWidth();
        int h = bi.getHeight();
        if (cm instanceof IndexColorModel) {
            return fromRgbInts(bi, cm.hasAlpha(), format);
        }
        if (cm.isAlphaPremultiplied()) {
            bi.coerceData(false);
        }
        Raster r = bi.getRaster();
        int bands = r.getNumBands();
        int colours = cm.getNumColorComponents();
        int csType = cm.getColorSpace().getType();
        int[] sizes = cm.getComponentSize();
        int tt = r.getTransferType();
        if (tt == DataBuffer.TYPE_FLOAT || tt == DataBuffer.TYPE_DOUBLE) {
            throw new ImageFileException(name, "has floating-point samples, which are not supported "
                + "(8- or 16-bit integer samples are)", null);
        }
        if (bands > 4 || bands != sizes.length) {
            throw new ImageFileException(name, String.format(Locale.ROOT,
                "has an unsupported layout of %d bands (1 to 4 bands of grey or RGB with optional alpha are "
                    + "supported)", bands), null);
        }
        boolean greyOrRgb = (colours == 1 && csType == ColorSpace.TYPE_GRAY) || (colours == 3 && csType == ColorSpace.TYPE_RGB);
        int maxSize = 0;
        for (int s : sizes) {
            maxSize = Math.max(maxSize, s);
        }
        if (maxSize > 16) {
            throw new ImageFileException(name, String.format(Locale.ROOT,
                "has %d-bit samples, which are not supported (at most 16 bits per sample)", maxSize), null);
        }
        if (!greyOrRgb) {
            if (colours == 3 || colours == 4) {
                // another colour space (CMYK TIFF, YCbCr, Lab): convert to sRGB through the colour model
                return fromRgbInts(bi, cm.hasAlpha(), format);
            }
            throw new ImageFileException(name, String.format(Locale.ROOT,
                "has an unsupported colour layout (%d colour components)", colours), null);
        }
        int depth = maxSize > 8 ? 16 : 8;
        int n = w * h;
        short[][] planes = new short[colours][n];
        short[] alpha = cm.hasAlpha() ? new short[n] : null;
        int[] row = new int[w];
        for (int b = 0; b < bands; b++) {
            short[] dst = b < colours ? planes[b] : alpha;
            int bits = sizes[b];
            int srcMax = (1 << bits) - 1;
            int dstMax = (1 << depth) - 1;
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, b, row);
                int off = y * w;
                if (bits == depth) {
                    for (int x = 0; x < w; x++) {
                        dst[off + x] = (short) row[x];
                    }
                } else {
                    for (int x = 0; x < w; x++) {
                        dst[off + x] = (short) ((row[x] * (long) dstMax + srcMax / 2) / srcMax);
                    }
                }
            }
        }
        return new Image(w, h, depth, planes, alpha, format);
    }

    private static Image fromRgbInts(BufferedImage bi, boolean hasAlpha, String format) {
        int w = bi.getWidth();
        int h = bi.getHeight();
        int n = w * h;
        short[][] planes = new short[3][n];
        short[] alpha = hasAlpha ? new short[n] : null;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            bi.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = y * w + x;
                planes[0][i] = (short) ((p >> 16) & 0xFF);
                planes[1][i] = (short) ((p >> 8) & 0xFF);
                planes[2][i] = (short) (p & 0xFF);
                if (alpha != null) {
                    alpha[i] = (short) (p >>> 24);
                }
            }
        }
        return new Image(w, h, 8, planes, alpha, format);
    }

    /**
     * Writes an image with the default options (same bit depth, JPEG quality 0.92).
     *
     * @param image the image
     * @param file the destination; the format follows the extension (.png, .jpg/.jpeg, .bmp,
     *     .gif, .tif/.tiff)
     * @throws ImageFileException if the extension is unknown, the format cannot hold the image,
     *     or writing fails (then no file is left behind)
     */
    public static void write(Image image, Path file) throws ImageFileException {
        write(image, file, WriteOptions.DEFAULT);
    }

    /**
     * Writes an image atomically (temporary file in the same directory, then rename).
     *
     * @param image the image
     * @param file the destination; the format follows the extension
     * @param options bit depth and JPEG quality
     * @throws ImageFileException if the extension is unknown, the format cannot hold the image,
     *     or writing fails (then no file is left behind)
     */
    public static void write(Image image, Path file, WriteOptions options) throws ImageFileException {
        if (image == null || file == null || options == null) {
            throw new IllegalArgumentException("image, file and options must not be null");
        }
        String format = formatOf(file);
        Image img = options.bitDepth() == 0 ? image : image.toBitDepth(options.bitDepth());
        boolean eightBitOnly = !format.equals("png") && !format.equals("tiff");
        if (eightBitOnly && img.bitDepth() != 8) {
            throw new ImageFileException(file, String.format(Locale.ROOT,
                "%s holds only 8-bit samples but the image is %d-bit; write PNG or TIFF, or ask for bit depth 8",
                format.toUpperCase(Locale.ROOT), img.bitDepth()), null);
        }
        if (eightBitOnly && img.hasAlpha()) {
            throw new ImageFileException(file, String.format(Locale.ROOT,
                "%s cannot hold the image's alpha channel; write PNG or TIFF", format.toUpperCase(Locale.ROOT)), null);
        }
        BufferedImage bi = format.equals("gif") ? indexed(img, file) : toBuffered(img);
        List<ImageWriter> writers = new ArrayList<>();
        ImageIO.getImageWritersByFormatName(format).forEachRemaining(writers::add);
        if (writers.isEmpty()) {
            throw new ImageFileException(file, "no ImageIO writer for " + format, null);
        }
        Path dir = file.toAbsolutePath().getParent();
        Exception failure = null;
        // plugins differ in the layouts they accept (16-bit RGB TIFF): the first writer that succeeds wins
        for (ImageWriter writer : writers) {
            Path tmp = null;
            try {
                tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
                encode(writer, bi, format, options, tmp);
                permissions(tmp, file);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                tmp = null;
                return;
            } catch (IOException | RuntimeException e) {
                failure = e;
            } finally {
                writer.dispose();
                deleteQuietly(tmp);
            }
        }
        throw new ImageFileException(file, "could not be written (" + failure.getMessage() + ")", failure);
    }

    private static void encode(ImageWriter writer, BufferedImage bi, String format, WriteOptions options, Path tmp)
        throws IOException {
        try (OutputStream os = Files.newOutputStream(tmp);
             ImageOutputStream out = ImageIO.createImageOutputStream(os)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteProgressive()) {
                // plain scan order: the JDK's interlaced GIF output of small images does not read back
                param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
            }
            if (format.equals("jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(options.jpegQuality());
            }
            writer.write(null, new IIOImage(bi, null, null), param);
            out.flush();
        }
    }

    /**
     * Temporary files are private (rw-------); give the result the permissions of the file it
     * replaces, or rw-r--r-- for a new file, where the file system has POSIX permissions.
     */
    private static void permissions(Path tmp, Path file) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.exists(file) ? Files.getPosixFilePermissions(file)
            : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write's own outcome is what the caller needs; a stray temporary file is secondary
            }
        }
    }

    /** An exact palette image for GIF, refused when the image has more than 256 colours. */
    private static BufferedImage indexed(Image img, Path file) throws ImageFileException {
        short[][] p = img.colourRef();
        int n = img.pixels();
        java.util.Map<Integer, Integer> palette = new java.util.LinkedHashMap<>();
        byte[] index = new byte[n];
        for (int i = 0; i < n; i++) {
            int rgb = p.length == 1 ? (p[0][i] & 0xFF) * 0x010101
                : (p[0][i] & 0xFF) << 16 | (p[1][i] & 0xFF) << 8 | (p[2][i] & 0xFF);
            Integer k = palette.get(rgb);
            if (k == null) {
                if (palette.size() == 256) {
                    throw new ImageFileException(file, "GIF holds at most 256 colours but the image has more; "
                        + "write PNG instead", null);
                }
                k = palette.size();
                palette.put(rgb, k);
            }
            index[i] = (byte) (int) k;
        }
        int size = Math.max(2, palette.size());
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        palette.forEach((rgb, k) -> {
            r[k] = (byte) (rgb >> 16);
            g[k] = (byte) (rgb >> 8);
            b[k] = (byte) (int) rgb;
        });
        IndexColorModel cm = new IndexColorModel(8, size, r, g, b);
        BufferedImage bi = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_BYTE_INDEXED, cm);
        bi.getRaster().setDataElements(0, 0, img.width(), img.height(), index);
        return bi;
    }

    /**
     * The output format for a file name, from its extension.
     *
     * @param file the file
     * @return "png", "jpeg", "bmp", "gif" or "tiff"
     * @throws ImageFileException if the extension is missing, unknown, or WebP (read-only)
     */
    static String formatOf(Path file) throws ImageFileException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        switch (ext) {
            case "png": return "png";
            case "jpg":
            case "jpeg": return "jpeg";
            case "bmp": return "bmp";
            case "gif": return "gif";
            case "tif":
            case "tiff": return "tiff";
            case "webp":
                throw new ImageFileException(file, "WebP can be read but not written; use .png or .jpg", null);
            default:
                throw new ImageFileException(file, "has an unknown image extension '" + ext
                    + "' (use .png, .jpg, .jpeg, .bmp, .gif, .tif or .tiff)", null);
        }
    }

    /**
     * Converts an image to a {@link BufferedImage}: 8-bit data to the standard byte types, 16-bit
     * data to an unsigned-short component model in sRGB or linear grey.
     *
     * @param img the image
     * @return a new buffered image holding a copy of the samples
     */
    public static BufferedImage toBuffered(Image img) {
        int w = img.width();
        int h = img.height();
        int colours = img.channels();
        boolean alpha = img.hasAlpha();
        BufferedImage bi;
        if (img.bitDepth() == 8 && !(colours == 1 && alpha)) {
            int type = colours == 1 ? BufferedImage.TYPE_BYTE_GRAY
                : alpha ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR;
            bi = new BufferedImage(w, h, type);
        } else {
            ColorSpace cs = ColorSpace.getInstance(colours == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
            int dataType = img.bitDepth() == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
            ComponentColorModel cm = new ComponentColorModel(cs, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, dataType);
            bi = new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
        }
        WritableRaster r = bi.getRaster();
        int[] row = new int[w];
        short[][] planes = img.colourRef();
        for (int b = 0; b < colours + (alpha ? 1 : 0); b++) {
            short[] src = b < colours ? planes[b] : img.alphaRef();
            for (int y = 0; y < h; y++) {
                int off = y * w;
                for (int x = 0; x < w; x++) {
                    row[x] = src[off + x] & 0xFFFF;
                }
                r.setSamples(0, y, w, 1, b, row);
            }
        }
        return bi;
    }
}
