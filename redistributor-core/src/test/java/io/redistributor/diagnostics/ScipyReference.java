package io.redistributor.diagnostics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redistributor.ParametricDistribution;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference values computed with SciPy by {@code scipy_reference.py} (next to the JSON file in the
 * test resources), with the samples they were computed from.
 */
final class ScipyReference {
    private static final JsonNode ROOT = load();

    private ScipyReference() {
    }

    private static JsonNode load() {
        try (InputStream in = ScipyReference.class.getResourceAsStream("scipy-reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> cases(String kind) {
        List<JsonNode> out = new ArrayList<>();
        ROOT.get(kind).forEach(out::add);
        if (out.isEmpty()) {
            throw new IllegalStateException("no reference cases of kind " + kind);
        }
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    /** The case's distribution, from its family and parameters (same parameter order as SciPy's script). */
    static ParametricDistribution distribution(JsonNode c) {
        return ParametricDistribution.of(c.get("family").asText(), doubles(c.get("params")));
    }

    static String describe(JsonNode c) {
        String what = c.has("family") ? c.get("family").asText() + " " + c.get("params") : "y n=" + c.get("y").size();
        return "x n=" + c.get("x").size() + " vs " + what;
    }
}
