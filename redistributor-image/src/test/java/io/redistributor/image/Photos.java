package io.redistributor.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The bundled example photos, read once and downscaled so that tests stay fast. */
final class Photos {

    static final Path DIR = Path.of("..", "examples", "images");

    private Photos() {
    }

    static Image read(String name, int factor) {
        try {
            return ImageFiles.read(DIR.resolve(name)).downscale(factor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
