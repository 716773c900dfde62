package io.redistributor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged and hand-edited model files are refused with a message that says what and where. */
class ModelErrorsTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static ObjectNode golden() throws IOException {
        return (ObjectNode) PLAIN.readTree(GoldenFileTest.text(GoldenModels.COLUMNS));
    }

    /** Applies an edit to the golden columns file and reads the result, which must fail. */
    private static ModelFormatException edited(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode doc = golden();
        edit.accept(doc);
        String json = PLAIN.writeValueAsString(doc);
        return failing(json);
    }

    private static ModelFormatException failing(String json) {
        return assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(json));
    }

    private static ObjectNode column(ObjectNode doc, int i) {
        return (ObjectNode) doc.get("columns").get(i);
    }

    private static void assertMentions(ModelFormatException e, String... words) {
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "message should mention '" + w + "': " + e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 30, 400, 1500, 2800})
    void truncatedFile(int length) throws IOException {
        String text = GoldenFileTest.text(GoldenModels.COLUMNS);
        assertTrue(length < text.length() - 3, "cut inside the document");
        ModelFormatException e = failing(text.substring(0, length));
        assertMentions(e, "truncated", "line");
        assertEquals("", e.jsonPath());
    }

    @Test
    void corruptedBytes() throws IOException {
        byte[] bytes = GoldenFileTest.text(GoldenModels.COLUMNS).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        new Random(7).nextBytes(bytes);
        ModelFormatException e = assertThrows(ModelFormatException.class,
            () -> ModelIO.read(new ByteArrayInputStream(bytes)));
        assertMentions(e, "not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "{\"format\": \"redistributor-model\";}", "{} {}", "[1, 2", "\u0000\u0001"})
    void notJson(String text) {
        ModelFormatException e = failing(text);
        assertTrue(e.getMessage().contains("not valid JSON") || e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void emptyDocument() {
        assertMentions(failing(""), "empty");
        assertMentions(failing("  \n"), "empty");
    }

    @Test
    void jsonThatIsNotAModel() {
        assertEquals("format", failing("{\"name\": \"package.json\"}").jsonPath());
        assertMentions(failing("[1, 2, 3]"), "must be a JSON object");
        ModelFormatException e = failing("{\"format\": \"other-format\", \"formatVersion\": 1}");
        assertEquals("format", e.jsonPath());
        assertMentions(e, "other-format", "not a Redistributor model");
    }

    @ParameterizedTest
    @CsvSource({"2, newer library", "0, version 0", "-1, version -1"})
    void unsupportedVersion(int version, String mention) throws IOException {
        ModelFormatException e = edited(d -> d.put("formatVersion", version));
        assertEquals("formatVersion", e.jsonPath());
        assertMentions(e, "not supported", mention);
    }

    @Test
    void versionMustBeAnInteger() throws IOException {
        assertEquals("formatVersion", edited(d -> d.put("formatVersion", "1")).jsonPath());
        assertEquals("formatVersion", edited(d -> d.put("formatVersion", 1.5)).jsonPath());
    }

    @ParameterizedTest
    @CsvSource({
        "'', library",
        "'', columns",
        "library, version",
        "columns[0], name",
        "columns[0], source",
        "columns[0], target",
        "columns[0].source, type",
        "columns[0].source, bins",
        "columns[0].source, count",
        "columns[0].source, boundedBelow",
        "columns[0].source, boundedAbove",
        "columns[0].source, ties",
        "columns[0].source, probabilities",
        "columns[0].source, values",
        "columns[0].target, family",
        "columns[0].target, parameters",
        "columns[0].target.parameters, sd",
        "created, at",
    })
    void missingField(String parent, String field) throws IOException {
        ModelFormatException e = edited(d -> ((ObjectNode) at(d, parent)).remove(field));
        assertEquals(parent.isEmpty() ? field : parent + "." + field, e.jsonPath());
        assertMentions(e, "missing");
    }

    /** The element at a dotted path such as {@code columns[0].source}. */
    private static JsonNode at(JsonNode doc, String path) {
        JsonNode n = doc;
        if (path.isEmpty()) {
            return n;
        }
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                n = n.get(part);
            } else {
                n = n.get(part.substring(0, bracket)).get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            }
        }
        return n;
    }

    @Test
    void nonMonotoneLattice() throws IOException {
        ModelFormatException e = edited(d -> {
            ArrayNode values = (ArrayNode) column(d, 0).get("source").get("values");
            values.set(17, values.get(16).doubleValue() - 1);
        });
        assertEquals("columns[0].source.values[17]", e.jsonPath());
        assertMentions(e, "non-decreasing");
        ModelFormatException p = edited(d -> {
            ArrayNode probs = (ArrayNode) column(d, 2).get("target").get("probabilities");
            probs.set(3, probs.get(2).doubleValue());
        });
        assertEquals("columns[2].target.probabilities[3]", p.jsonPath());
    }

    @Test
    void latticeThatIsNotEvenlySpacedOrInconsistent() throws IOException {
        ModelFormatException spacing = edited(d -> {
            ArrayNode probs = (ArrayNode) column(d, 0).get("source").get("probabilities");
            probs.set(5, probs.get(5).doubleValue() + 1e-3);
        });
        assertEquals("columns[0].source", spacing.jsonPath());
        assertMentions(spacing, "probabilities[5]", "evenly spaced");
        assertEquals("columns[0].source.bins", edited(d -> column(d, 0).withObjectProperty("source").put("bins", 24)).jsonPath());
        assertEquals("columns[0].source.values",
            edited(d -> ((ArrayNode) column(d, 0).get("source").get("values")).remove(3)).jsonPath());
        ModelFormatException count = edited(d -> column(d, 0).withObjectProperty("source").put("count", 3));
        assertMentions(count, "count");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e999", "-1e400"})
    void nonFiniteNumbers(String token) throws IOException {
        ObjectNode doc = golden();
        ((ArrayNode) column(doc, 0).get("source").get("values")).set(3, "@@");
        column(doc, 1).withObjectProperty("target").withObjectProperty("parameters").put("upper", "@@");
        String json = PLAIN.writeValueAsString(doc);
        ModelFormatException e = failing(json.replaceFirst("\"@@\"", token));
        assertEquals("columns[0].source.values[3]", e.jsonPath());
        assertMentions(e, "finite");
        ObjectNode doc2 = golden();
        column(doc2, 1).withObjectProperty("target").withObjectProperty("parameters").put("upper", "@@");
        ModelFormatException p = failing(PLAIN.writeValueAsString(doc2).replace("\"@@\"", token));
        assertEquals("columns[1].target.parameters.upper", p.jsonPath());
    }

    @Test
    void unknownDistributionTypeAndFamily() throws IOException {
        ModelFormatException type = edited(d -> column(d, 1).withObjectProperty("target").put("type", "kde-v9"));
        assertEquals("columns[1].target.type", type.jsonPath());
        assertMentions(type, "unknown distribution type 'kde-v9'", "learned", "parametric");
        ModelFormatException family = edited(d -> column(d, 0).withObjectProperty("target").put("family", "zipf"));
        assertEquals("columns[0].target.family", family.jsonPath());
        assertMentions(family, "zipf", "normal");
    }

    @Test
    void wrongTypesAndUnknownFields() throws IOException {
        assertEquals("columns[0].source.boundedBelow",
            edited(d -> column(d, 0).withObjectProperty("source").put("boundedBelow", "false")).jsonPath());
        assertEquals("columns[0].source.count",
            edited(d -> column(d, 0).withObjectProperty("source").put("count", 40.5)).jsonPath());
        assertEquals("columns[0].source.ties",
            edited(d -> column(d, 0).withObjectProperty("source").put("ties", "average")).jsonPath());
        assertEquals("columns[0].source.values[2]",
            edited(d -> ((ArrayNode) column(d, 0).get("source").get("values")).set(2, "1.5")).jsonPath());
        assertEquals("columns[0].source.boundedbelow",
            edited(d -> column(d, 0).withObjectProperty("source").put("boundedbelow", true)).jsonPath());
        assertEquals("colums", edited(d -> d.set("colums", d.get("columns"))).jsonPath());
        assertEquals("columns[1]", edited(d -> ((ArrayNode) d.get("columns")).set(1, 5)).jsonPath());
        assertEquals("created.at", edited(d -> d.withObjectProperty("created").put("at", "yesterday")).jsonPath());
        assertEquals("properties.purpose", edited(d -> d.withObjectProperty("properties").put("purpose", 3)).jsonPath());
    }

    @Test
    void invalidParametersAndColumns() throws IOException {
        ModelFormatException sd = edited(d -> column(d, 0).withObjectProperty("target").withObjectProperty("parameters").put("sd", -2.0));
        assertEquals("columns[0].target.parameters", sd.jsonPath());
        assertMentions(sd, "normal", "-2.0");
        assertEquals("columns[0].target.parameters.scale",
            edited(d -> column(d, 0).withObjectProperty("target").withObjectProperty("parameters").put("scale", 1.0)).jsonPath());
        ModelFormatException duplicate = edited(d -> column(d, 1).put("name", "alcohol"));
        assertEquals("columns[1].name", duplicate.jsonPath());
        assertMentions(duplicate, "alcohol", "unique");
        assertEquals("columns", edited(d -> d.putArray("columns")).jsonPath());
    }

    @Test
    void invalidKernelDensity() throws IOException {
        String text = GoldenFileTest.text(GoldenModels.KDE);
        ObjectNode doc = (ObjectNode) PLAIN.readTree(text);
        ObjectNode kde = column(doc, 0).withObjectProperty("source");
        kde.put("bandwidth", -0.4);
        assertEquals("columns[0].source.bandwidth", failing(PLAIN.writeValueAsString(doc)).jsonPath());
        kde.put("bandwidth", 0.4).put("gridDensity", 5);
        assertEquals("columns[0].source.gridDensity", failing(PLAIN.writeValueAsString(doc)).jsonPath());
        kde.put("gridDensity", 200.5);
        assertEquals("columns[0].source.gridDensity", failing(PLAIN.writeValueAsString(doc)).jsonPath());
        kde.put("gridDensity", 200);
        ((ArrayNode) kde.get("data")).set(4, "@@");
        assertEquals("columns[0].source.data[4]",
            failing(PLAIN.writeValueAsString(doc).replace("\"@@\"", "NaN")).jsonPath());
        kde.putArray("data");
        assertEquals("columns[0].source.data", failing(PLAIN.writeValueAsString(doc)).jsonPath());
        kde.remove("data");
        assertMentions(failing(PLAIN.writeValueAsString(doc)), "columns[0].source.data", "missing");
        // a bandwidth so small that grid points coincide is refused by KernelDensity itself
        ObjectNode tiny = (ObjectNode) PLAIN.readTree(text);
        ObjectNode source = column(tiny, 0).withObjectProperty("source").put("bandwidth", 1e-20);
        source.putArray("data").add(1e6).add(1e6 + 1e-9);
        ModelFormatException e = failing(PLAIN.writeValueAsString(tiny));
        assertEquals("columns[0].source", e.jsonPath());
        assertMentions(e, "not a valid kernel density");
    }

    @Test
    void duplicateKeysAreRefused() throws IOException {
        String text = GoldenFileTest.text(GoldenModels.SINGLE).replace("\"bins\": 12,", "\"bins\": 12, \"bins\": 13,");
        assertMentions(failing(text), "not valid JSON", "bins");
    }
}
