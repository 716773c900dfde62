package io.redistributor.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redistributor.Distribution;
import io.redistributor.Redistributor;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Converts a {@link RedistributorModel} to and from the JSON tree of format version 1. */
final class ModelJson {

    private ModelJson() {
    }

    static ObjectNode toTree(RedistributorModel model) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", ModelIO.FORMAT_NAME);
        root.put("formatVersion", ModelIO.FORMAT_VERSION);
        ObjectNode library = root.putObject("library");
        library.put("name", ModelIO.LIBRARY_NAME);
        library.put("version", model.libraryVersion());
        model.creation().ifPresent(c -> {
            ObjectNode created = root.putObject("created");
            created.put("by", c.by());
            created.put("at", c.at().toString());
        });
        if (!model.properties().isEmpty()) {
            ObjectNode props = root.putObject("properties");
            model.properties().forEach(props::put);
        }
        var columns = root.putArray("columns");
        for (Map.Entry<String, Redistributor> e : model.columns().entrySet()) {
            ObjectNode column = columns.addObject();
            column.put("name", e.getKey());
            column.set("source", DistributionCodec.write(e.getValue().source(), "source of column '" + e.getKey() + "'"));
            column.set("target", DistributionCodec.write(e.getValue().target(), "target of column '" + e.getKey() + "'"));
        }
        return root;
    }

    static RedistributorModel fromTree(JsonNode tree) throws ModelFormatException {
        if (tree == null || tree.isMissingNode()) {
            throw new ModelFormatException("", "the document is empty");
        }
        Field doc = Field.root(tree);
        checkFormat(doc);
        doc.allowOnly("format", "formatVersion", "library", "created", "properties", "columns");
        RedistributorModel.Builder b = RedistributorModel.builder();
        Field library = doc.object("library");
        library.allowOnly("name", "version");
        library.text("name");
        String version = library.text("version");
        if (version.isEmpty()) {
            throw library.get("version").error("must not be empty");
        }
        b.libraryVersion(version);
        if (doc.has("created")) {
            Field created = doc.object("created");
            created.allowOnly("by", "at");
            String by = created.text("by");
            String at = created.text("at");
            try {
                b.creation(by, Instant.parse(at));
            } catch (DateTimeParseException e) {
                throw created.get("at").error("'" + at + "' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z", e);
            }
        }
        if (doc.has("properties")) {
            for (Map.Entry<String, Field> e : doc.object("properties").members().entrySet()) {
                Field p = e.getValue();
                if (!p.node().isTextual() || e.getKey().isEmpty()) {
                    throw p.error("must be a string under a non-empty key, was " + Field.describe(p.node()));
                }
                b.property(e.getKey(), p.node().textValue());
            }
        }
        List<Field> columns = doc.array("columns");
        if (columns.isEmpty()) {
            throw doc.get("columns").error("must hold at least one column");
        }
        for (Field c : columns) {
            if (!c.node().isObject()) {
                throw c.error("must be a JSON object, was " + Field.describe(c.node()));
            }
            c.allowOnly("name", "source", "target");
            String name = c.text("name");
            Distribution source = DistributionCodec.read(c.object("source"));
            Distribution target = DistributionCodec.read(c.object("target"));
            try {
                b.add(name, Redistributor.of(source, target));
            } catch (IllegalArgumentException e) {
                throw c.get("name").error(e.getMessage(), e);
            }
        }
        return b.build();
    }

    private static void checkFormat(Field doc) throws ModelFormatException {
        if (!doc.has("format")) {
            throw new ModelFormatException("format", String.format(Locale.ROOT,
                "required field is missing; a Redistributor model starts with \"format\": \"%s\"",
                ModelIO.FORMAT_NAME));
        }
        String format = doc.text("format");
        if (!ModelIO.FORMAT_NAME.equals(format)) {
            throw doc.get("format").error(String.format(Locale.ROOT,
                "is '%s', not '%s'; the file is not a Redistributor model", format, ModelIO.FORMAT_NAME));
        }
        long version = doc.integer("formatVersion");
        if (version != ModelIO.FORMAT_VERSION) {
            throw doc.get("formatVersion").error(String.format(Locale.ROOT,
                "version %d is not supported; this library reads version %d%s", version, ModelIO.FORMAT_VERSION,
                version > ModelIO.FORMAT_VERSION ? " (the file was written by a newer library)" : ""));
        }
    }
}
