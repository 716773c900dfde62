package io.redistributor.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A JSON element together with its path in the document, with typed accessors that fail with a
 * {@link ModelFormatException} naming that path. Reading a model is a walk over these.
 */
final class Field {

    private final JsonNode node;
    private final String path;

    private Field(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The document's root element, which must be an object. */
    static Field root(JsonNode node) throws ModelFormatException {
        Field f = new Field(node, "");
        f.requireObject();
        return f;
    }

    String path() {
        return path;
    }

    JsonNode node() {
        return node;
    }

    ModelFormatException error(String problem) {
        return new ModelFormatException(path, problem);
    }

    ModelFormatException error(String problem, Throwable cause) {
        return new ModelFormatException(path, problem, cause);
    }

    private String childPath(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private void requireObject() throws ModelFormatException {
        if (!node.isObject()) {
            throw error("must be a JSON object, was " + describe(node));
        }
    }

    /** Whether the object has the member, with any value other than null. */
    boolean has(String name) {
        return node.hasNonNull(name);
    }

    /** A required member of this object. */
    Field get(String name) throws ModelFormatException {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            throw new ModelFormatException(childPath(name), "required field is missing");
        }
        return new Field(child, childPath(name));
    }

    /** A required member that must itself be an object. */
    Field object(String name) throws ModelFormatException {
        Field f = get(name);
        f.requireObject();
        return f;
    }

    /** Refuses members other than the given ones (a misspelt name would otherwise be ignored). */
    void allowOnly(String... names) throws ModelFormatException {
        List<String> allowed = Arrays.asList(names);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String name = e.getKey();
            if (!allowed.contains(name)) {
                throw new ModelFormatException(childPath(name), "unknown field; expected only " + allowed);
            }
        }
    }

    /** A required string member. */
    String text(String name) throws ModelFormatException {
        Field f = get(name);
        if (!f.node.isTextual()) {
            throw f.error("must be a string, was " + describe(f.node));
        }
        return f.node.textValue();
    }

    /** A required boolean member. */
    boolean bool(String name) throws ModelFormatException {
        Field f = get(name);
        if (!f.node.isBoolean()) {
            throw f.error("must be true or false, was " + describe(f.node));
        }
        return f.node.booleanValue();
    }

    /** A required integral member that fits a long. */
    long integer(String name) throws ModelFormatException {
        Field f = get(name);
        if (!f.node.isIntegralNumber() || !f.node.canConvertToLong()) {
            throw f.error("must be an integer, was " + describe(f.node));
        }
        return f.node.longValue();
    }

    /** This element as a finite number. */
    double finite() throws ModelFormatException {
        if (!node.isNumber()) {
            throw error("must be a number, was " + describe(node));
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            throw error("must be a finite number, was " + describe(node));
        }
        return v;
    }

    /** The elements of a required array member. */
    List<Field> array(String name) throws ModelFormatException {
        Field f = get(name);
        if (!f.node.isArray()) {
            throw f.error("must be a JSON array, was " + describe(f.node));
        }
        List<Field> out = new ArrayList<>(f.node.size());
        for (int i = 0; i < f.node.size(); i++) {
            out.add(new Field(f.node.get(i), f.path + "[" + i + "]"));
        }
        return out;
    }

    /**
     * A required array member of finite numbers. The elements' paths are made only for an
     * element in error: a model holds tens of thousands of numbers.
     */
    double[] finiteArray(String name) throws ModelFormatException {
        Field f = get(name);
        if (!f.node.isArray()) {
            throw f.error("must be a JSON array, was " + describe(f.node));
        }
        double[] out = new double[f.node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode item = f.node.get(i);
            double v = item.isNumber() ? item.doubleValue() : Double.NaN;
            out[i] = Double.isFinite(v) ? v : new Field(item, f.path + "[" + i + "]").finite();
        }
        return out;
    }

    /** The members of this object by name, in document order. */
    Map<String, Field> members() {
        Map<String, Field> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.put(e.getKey(), new Field(e.getValue(), childPath(e.getKey())));
        }
        return out;
    }

    /** A short description of a value for messages: its JSON text, cut if long. */
    static String describe(JsonNode n) {
        if (n.isNumber() && (n.isDouble() || n.isFloat())) {
            return Double.toString(n.doubleValue());
        }
        String s = n.isContainerNode() ? (n.isArray() ? "an array" : "an object") : n.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** A problem message for a number that breaks an ordering rule. */
    static String order(double value, String rule, double other) {
        return String.format(Locale.ROOT, "%s must be %s (%s)", value, rule, other);
    }
}
