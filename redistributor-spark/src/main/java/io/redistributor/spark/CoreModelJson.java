package io.redistributor.spark;

import io.redistributor.Redistributor;
import io.redistributor.io.ModelFormatException;
import io.redistributor.io.ModelIO;
import java.util.Map;

/**
 * Bridge to the core's versioned JSON model format ({@link ModelIO}): the data part of a saved
 * Spark model, and the form in which Spark models are exchanged with the command line and plain
 * Java.
 */
final class CoreModelJson {
    private CoreModelJson() {
    }

    /**
     * The JSON document of named columns.
     *
     * @param columns column name to transform, in order
     * @return the document
     */
    static String write(Map<String, Redistributor> columns) {
        io.redistributor.io.RedistributorModel.Builder b = io.redistributor.io.RedistributorModel.builder();
        columns.forEach(b::add);
        return ModelIO.toJson(b.build());
    }

    /**
     * The named columns of a JSON document.
     *
     * @param json the document
     * @return column name to transform, in order
     * @throws IllegalArgumentException if the document is not a valid model, with the format's
     *     message and JSON path
     */
    static Map<String, Redistributor> read(String json) {
        try {
            return ModelIO.fromJson(json).columns();
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException("not a Redistributor model: " + e.getMessage(), e);
        }
    }
}
