package io.redistributor.cli;

import io.redistributor.Redistributor;
import io.redistributor.io.ModelFormatException;
import io.redistributor.io.ModelIO;
import io.redistributor.io.RedistributorModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

/** Reads and writes model files in the library's versioned JSON model format ({@link ModelIO}). */
final class Models {
    private Models() {
    }

    /**
     * Reads a model file.
     *
     * @param file the file
     * @return the model
     * @throws IOException if the file cannot be read
     * @throws CliException (data) if the file is not a valid model
     */
    static RedistributorModel read(Path file) throws IOException {
        try {
            return ModelIO.read(file);
        } catch (ModelFormatException e) {
            throw new CliException(ExitCodes.DATA, file + ": not a valid model file: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a model of named columns (atomically: a temporary file renamed when complete).
     *
     * @param columns column name to transform, in order
     * @param properties free properties to record (e.g. the fit options)
     * @param commandLine the command that made the model, recorded as its creator
     * @param file the destination
     * @throws IOException if the file cannot be written
     */
    static void write(Map<String, Redistributor> columns, Map<String, String> properties, String commandLine,
                      Path file) throws IOException {
        RedistributorModel.Builder b = RedistributorModel.builder();
        columns.forEach(b::add);
        properties.forEach(b::property);
        b.creation(commandLine, Instant.now());
        RedistributorModel model = b.build();
        // through OutputFile like every other output, so that a stopped command leaves no temporary
        // model behind; synced before the rename, as ModelIO.write(model, path) does
        try (OutputFile out = OutputFile.create(file)) {
            try (FileChannel ch = FileChannel.open(out.temp(), StandardOpenOption.WRITE);
                 OutputStream os = Channels.newOutputStream(ch)) {
                ModelIO.write(model, os);
                ch.force(true);
            }
            out.commit();
        }
    }
}
