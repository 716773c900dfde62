package io.redistributor.io;

import java.io.IOException;
import java.util.Locale;

/**
 * A model file that cannot be read: it is not JSON, is truncated, is not a Redistributor model,
 * has an unsupported format version, or breaks a rule of the format (a missing field, a non-finite
 * number, a non-monotone lattice, an unknown distribution type, ...).
 *
 * <p>It extends {@link IOException} because it is a problem of the input, found while reading it,
 * like {@link java.util.zip.ZipException}: code that already handles I/O failures handles it too,
 * and code that cares can catch it alone and show {@link #getMessage()} to the user.
 *
 * <p>The message always says what is wrong and where: {@link #jsonPath()} is the path of the
 * offending element in the document, e.g. {@code columns[2].source.values[17]} (empty for the
 * document as a whole), and for malformed JSON the message also gives the line and column.
 */
public final class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Path of the offending element; empty for the whole document. */
    private final String jsonPath;

    /**
     * Creates an exception for a rule broken at a place in the document.
     *
     * @param jsonPath path of the offending element, e.g. {@code columns[0].target.family}; empty
     *     for the whole document
     * @param problem what is wrong, e.g. {@code "must be finite, was NaN"}
     */
    public ModelFormatException(String jsonPath, String problem) {
        this(jsonPath, problem, null);
    }

    /**
     * Creates an exception for a rule broken at a place in the document, with its cause.
     *
     * @param jsonPath path of the offending element; empty for the whole document
     * @param problem what is wrong
     * @param cause the underlying exception, may be null
     */
    public ModelFormatException(String jsonPath, String problem, Throwable cause) {
        super(message(jsonPath, problem), cause);
        this.jsonPath = jsonPath == null ? "" : jsonPath;
    }

    private static String message(String jsonPath, String problem) {
        if (jsonPath == null || jsonPath.isEmpty()) {
            return "invalid Redistributor model: " + problem;
        }
        return String.format(Locale.ROOT, "invalid Redistributor model at %s: %s", jsonPath, problem);
    }

    /**
     * The path of the offending element, in the dotted form {@code columns[2].source.values[17]}.
     *
     * @return the path; empty when the problem concerns the whole document
     */
    public String jsonPath() {
        return jsonPath;
    }
}
