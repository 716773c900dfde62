package io.redistributor.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.redistributor.Redistributor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;

/**
 * Saves and loads {@link RedistributorModel}s in the versioned JSON model format described in
 * docs/model-format.md ({@value #FORMAT_NAME}, version {@value #FORMAT_VERSION}).
 *
 * <p>Numbers are written in the shortest decimal form that reads back to the same double, so a
 * saved and loaded model transforms every value bit for bit as the original does. Files are UTF-8,
 * indented, with arrays of numbers on one line and {@code \n} line ends.
 *
 * <p>Writing to a {@link Path} is atomic: the document is written to a temporary file in the
 * same directory, flushed to the device, and moved over the destination (an atomic rename where
 * the file system supports it). Readers of the destination see the old file or the new one, never
 * a part; on failure the destination is unchanged and the temporary file is removed. An existing
 * destination is replaced. The stream and writer forms do not close what they are given.
 *
 * <p>Reading fails with a {@link ModelFormatException} (an {@link IOException}) whose message
 * and {@link ModelFormatException#jsonPath()} say what is wrong and where, for: an empty,
 * truncated or non-JSON document; a document that is not a Redistributor model or has an
 * unsupported format version; missing, misspelt or ill-typed fields; NaN, infinite or
 * out-of-range numbers; a lattice that is not monotone or not evenly spaced; and unknown
 * distribution types or families. Other I/O failures propagate as plain {@link IOException}s.
 */
public final class ModelIO {

    /** The value of the {@code "format"} field of every model file. */
    public static final String FORMAT_NAME = "redistributor-model";
    /** The format version this library writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The value of {@code library.name} written in model files. */
    public static final String LIBRARY_NAME = "redistributor-jvm";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
        // Accept NaN and Infinity tokens so they are refused with their path instead of a syntax error.
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        // Jackson's bundled fast parser gives the same correctly rounded doubles as Double.parseDouble
        // in a fraction of the time (a model holds tens of thousands of numbers, read at start-up).
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
    private static final ObjectReader READER = MAPPER.reader();
    private static final ObjectWriter WRITER = MAPPER.writer(
        new DefaultPrettyPrinter(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private ModelIO() {
    }

    /**
     * Writes a model to a file atomically, replacing an existing file.
     *
     * @param model the model
     * @param file the destination; its directory must exist
     * @throws IOException if the file cannot be written (the destination is then unchanged)
     * @throws IllegalArgumentException if a distribution of the model has a type the format cannot
     *     hold (checked before anything is written)
     */
    public static void write(RedistributorModel model, Path file) throws IOException {
        notNull(file, "file");
        byte[] bytes = toJson(model).getBytes(StandardCharsets.UTF_8);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Writes a single transform to a file atomically, as a model with one column named
     * {@value RedistributorModel#DEFAULT_COLUMN}.
     *
     * @param transform the transform
     * @param file the destination
     * @throws IOException if the file cannot be written
     */
    public static void write(Redistributor transform, Path file) throws IOException {
        write(RedistributorModel.single(notNull(transform, "transform")), file);
    }

    /**
     * Writes a model as UTF-8 JSON to a stream, which is flushed but not closed.
     *
     * @param model the model
     * @param out the stream
     * @throws IOException if writing fails
     */
    public static void write(RedistributorModel model, OutputStream out) throws IOException {
        notNull(out, "out");
        out.write(toJson(model).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Writes a model as JSON to a writer, which is flushed but not closed.
     *
     * @param model the model
     * @param out the writer
     * @throws IOException if writing fails
     */
    public static void write(RedistributorModel model, Writer out) throws IOException {
        notNull(out, "out");
        out.write(toJson(model));
        out.flush();
    }

    /**
     * The JSON document of a model, ending with a line feed.
     *
     * @param model the model
     * @return the document
     * @throws IllegalArgumentException if a distribution has a type the format cannot hold
     */
    public static String toJson(RedistributorModel model) {
        notNull(model, "model");
        try {
            return WRITER.writeValueAsString(ModelJson.toTree(model)) + "\n";
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serializes; reaching this is a bug.
            throw new IllegalStateException("cannot serialize the model tree", e);
        }
    }

    /**
     * Reads a model from a file.
     *
     * @param file the file
     * @return the model
     * @throws ModelFormatException if the content is not a valid model (see the class documentation)
     * @throws IOException if the file cannot be read
     */
    public static RedistributorModel read(Path file) throws IOException {
        notNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /**
     * Reads the transform of a single-column model from a file.
     *
     * @param file the file
     * @return the transform
     * @throws ModelFormatException if the content is not a valid model, or has more than one
     *     column
     * @throws IOException if the file cannot be read
     */
    public static Redistributor readTransform(Path file) throws IOException {
        RedistributorModel model = read(file);
        if (model.size() != 1) {
            throw new ModelFormatException("columns", String.format(Locale.ROOT,
                "holds %d columns %s where a single transform was expected", model.size(), model.columnNames()));
        }
        return model.only();
    }

    /**
     * Reads a model from a stream of UTF-8 (or UTF-16/32 with a byte order mark) JSON. The stream
     * is read to its end but not closed.
     *
     * @param in the stream
     * @return the model
     * @throws ModelFormatException if the content is not a valid model
     * @throws IOException if reading fails
     */
    public static RedistributorModel read(InputStream in) throws IOException {
        notNull(in, "in");
        return ModelJson.fromTree(parse(() -> READER.readTree(in)));
    }

    /**
     * Reads a model from a reader, which is not closed.
     *
     * @param in the reader
     * @return the model
     * @throws ModelFormatException if the content is not a valid model
     * @throws IOException if reading fails
     */
    public static RedistributorModel read(Reader in) throws IOException {
        notNull(in, "in");
        return ModelJson.fromTree(parse(() -> READER.readTree(in)));
    }

    /**
     * Reads a model from a JSON document in a string.
     *
     * @param json the document
     * @return the model
     * @throws ModelFormatException if the content is not a valid model
     */
    public static RedistributorModel fromJson(String json) throws ModelFormatException {
        notNull(json, "json");
        try {
            return read(new StringReader(json));
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            // A StringReader does not fail.
            throw new IllegalStateException(e);
        }
    }

    /** A parse step that may fail with Jackson's exceptions. */
    private interface Parse {
        JsonNode run() throws IOException;
    }

    private static JsonNode parse(Parse p) throws IOException {
        try {
            return p.run();
        } catch (JsonEOFException e) {
            throw new ModelFormatException("", "the document is truncated: it ends inside a JSON value "
                + where(e.getLocation()), e);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("", "not valid JSON " + where(e.getLocation()) + ": "
                + e.getOriginalMessage(), e);
        }
    }

    private static String where(JsonLocation loc) {
        return loc == null ? "" : String.format(Locale.ROOT, "(line %d, column %d)", loc.getLineNr(),
            loc.getColumnNr());
    }

    private static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
