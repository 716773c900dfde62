package io.redistributor.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An image file could not be read or written: not an image, truncated, an unsupported sample
 * layout or output format, or an I/O failure. The message names the file and the reason.
 */
public final class ImageFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file the file concerned
     * @param reason what went wrong, worded to follow the file name
     * @param cause the underlying failure, or null
     */
    public ImageFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /**
     * The file concerned.
     *
     * @return the path
     */
    public Path file() {
        return file;
    }
}
