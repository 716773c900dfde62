package io.redistributor.cli;

import io.redistributor.image.Image;
import io.redistributor.image.ImageFileException;
import io.redistributor.image.ImageFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Image files for the commands: reading and writing through the image module with the CLI's
 * exit codes, and the comparison sheet of {@code match --sheet}.
 */
final class Images {
    /** Height of each picture in a comparison sheet, at most. */
    private static final int SHEET_HEIGHT = 512;

    private Images() {
    }

    /**
     * Reads an image.
     *
     * @param file the file
     * @return the image
     * @throws CliException {@link ExitCodes#IO} if the file cannot be read, {@link ExitCodes#DATA}
     *     if it is not a readable image; the message names the file
     */
    static Image read(Path file) {
        try {
            return ImageFiles.read(file);
        } catch (ImageFileException e) {
            boolean io = e.getCause() instanceof IOException;
            throw new CliException(io ? ExitCodes.IO : ExitCodes.DATA, e.getMessage(), e);
        }
    }

    /**
     * Writes an image (atomically; the format follows the extension, the bit depth is kept
     * where the format allows).
     *
     * @param image the image
     * @param file the destination
     * @throws CliException {@link ExitCodes#IO} if writing fails, {@link ExitCodes#USAGE} if the
     *     extension names no supported format or one that cannot hold the image
     */
    static void write(Image image, Path file) {
        try {
            ImageFiles.write(image, file);
            OutputFile.useDefaultPermissions(file);
        } catch (ImageFileException e) {
            boolean io = e.getCause() instanceof IOException;
            throw new CliException(io ? ExitCodes.IO : ExitCodes.USAGE, e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.IO, file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the given images side by side, scaled to one height, as a PNG or JPEG chosen by the
     * extension of {@code file}.
     *
     * @param file the destination
     * @param pictures the images, left to right
     * @throws IOException if writing fails
     */
    static void sheet(Path file, Image... pictures) throws IOException {
        int h = SHEET_HEIGHT;
        for (Image p : pictures) {
            h = Math.min(h, p.height());
        }
        int[] widths = new int[pictures.length];
        int total = 0;
        for (int i = 0; i < pictures.length; i++) {
            widths[i] = Math.max(1, (int) Math.round((double) pictures[i].width() * h / pictures[i].height()));
            total += widths[i];
        }
        BufferedImage sheet = new BufferedImage(total, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, total, h);
        int x = 0;
        for (int i = 0; i < pictures.length; i++) {
            g.drawImage(ImageFiles.toBuffered(pictures[i].toBitDepth(8)), x, 0, widths[i], h, null);
            x += widths[i];
        }
        g.dispose();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".jpg") || name.endsWith(".jpeg") ? "jpeg" : name.endsWith(".png") ? "png" : null;
        if (format == null) {
            throw CliException.usage("--sheet " + file + ": use a .png or .jpg file name");
        }
        try (OutputFile out = OutputFile.create(file)) {
            if (!ImageIO.write(sheet, format, out.temp().toFile())) {
                throw new IOException("no " + format + " writer available");
            }
            out.commit();
        }
    }

    /**
     * Whether a file name has an image extension the image module reads.
     *
     * @param file the file
     * @return true for .png, .jpg, .jpeg, .bmp, .gif, .tif, .tiff, .webp
     */
    static boolean isImageName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp")
            || n.endsWith(".gif") || n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".webp");
    }
}
