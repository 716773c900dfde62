package io.redistributor;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the reference conformance vectors from the directory named by the system property
 * {@code redistributor.conformance.dir} (default {@code ../shared/conformance}).
 */
final class Conformance {
    static final ObjectMapper JSON = JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();

    private Conformance() {
    }

    static Path dir() {
        String d = System.getProperty("redistributor.conformance.dir");
        if (d != null && !d.isBlank()) {
            return Paths.get(d);
        }
        Path p = Paths.get("..", "shared", "conformance");
        return Files.isDirectory(p) ? p : Paths.get("..", "..", "shared", "conformance");
    }

    /** Every case of the given kind, sorted by file name. */
    static List<JsonNode> cases(String kind) {
        Path dir = dir();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("conformance directory not found: " + dir.toAbsolutePath()
                + " (set -Dredistributor.conformance.dir)");
        }
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode node = JSON.readTree(f.toFile());
                if (kind.equals(node.path("kind").asText())) {
                    out.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(array.get(i));
        }
        return out;
    }

    static double number(JsonNode n) {
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (n.isTextual()) {
            return Double.parseDouble(n.asText());
        }
        return n.doubleValue();
    }

    /** Parses the reference's target names: normal(mu,sigma), uniform(lo,width), exponential(scale). */
    static Distribution target(String name) {
        int open = name.indexOf('(');
        String family = name.substring(0, open);
        String[] parts = name.substring(open + 1, name.length() - 1).split(",");
        double[] p = new double[parts.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Double.parseDouble(parts[i].trim());
        }
        switch (family) {
            case "normal":
                return ParametricDistribution.normal(p[0], p[1]);
            case "uniform":
                return ParametricDistribution.uniform(p[0], p[0] + p[1]);
            case "exponential":
                return ParametricDistribution.exponential(p[0]);
            default:
                throw new IllegalArgumentException("unknown reference target " + name);
        }
    }
}
