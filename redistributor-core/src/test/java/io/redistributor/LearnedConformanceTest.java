package io.redistributor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The reference vectors of kinds {@code learned}, {@code learned_to_learned} and {@code rejects}. */
class LearnedConformanceTest {

    static LearnedDistribution.Fitter fitter(JsonNode params) {
        LearnedDistribution.Fitter f = LearnedDistribution.fitter();
        if (params.hasNonNull("a")) {
            f = f.withLower(Conformance.number(params.get("a")));
        }
        if (params.hasNonNull("b")) {
            f = f.withUpper(Conformance.number(params.get("b")));
        }
        if (params.hasNonNull("bins")) {
            f = f.withBins(params.get("bins").asInt());
        }
        if (params.hasNonNull("subsample_x")) {
            f = f.withSubsample(params.get("subsample_x").asInt());
        }
        return f;
    }

    @TestFactory
    Stream<DynamicTest> learned() {
        List<JsonNode> cases = Conformance.cases("learned");
        assertFalse(cases.isEmpty(), "no learned cases found in " + Conformance.dir());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> checkLearned(c)));
    }

    private static void checkLearned(JsonNode c) {
        double[] x = Conformance.doubles(c.get("x"));
        double[] original = x.clone();
        LearnedDistribution d = fitter(c.get("params")).fit(x);
        assertArrayEquals(original, x, "the caller's array must not change");
        assertEquals(c.get("bins_used").asInt(), d.bins(), "bins_used");
        double[] support = Conformance.doubles(c.get("support"));
        assertEquals(support[0], d.supportLower(), 0, "support lower");
        assertEquals(support[1], d.supportUpper(), 0, "support upper");
        double[] lattice = Conformance.doubles(c.get("lattice"));
        Tolerance.probabilities("lattice", lattice, lattice, d.probabilities());
        Tolerance.values("lattice_values", lattice, Conformance.doubles(c.get("lattice_values")), d.values());

        double[] q = Conformance.doubles(c.get("cdf").get("q"));
        Tolerance.probabilities("cdf", q, Conformance.doubles(c.get("cdf").get("p")), d.cdf(q));
        double[] scalar = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            scalar[i] = d.cdf(q[i]);
        }
        Tolerance.probabilities("scalar cdf", q, Conformance.doubles(c.get("cdf").get("p")), scalar);

        double[] p = Conformance.doubles(c.get("ppf").get("p"));
        Tolerance.values("ppf", p, Conformance.doubles(c.get("ppf").get("q")), d.quantile(p));

        JsonNode t = c.get("transform");
        Redistributor r = Redistributor.of(d, Conformance.target(t.get("target").asText()));
        double[] tx = Conformance.doubles(t.get("x"));
        Tolerance.values("transform", tx, Conformance.doubles(t.get("y")), r.transform(tx));

        JsonNode inv = c.get("inverse_transform");
        Redistributor ri = Redistributor.of(d, Conformance.target(inv.get("target").asText()));
        double[] iy = Conformance.doubles(inv.get("y"));
        Tolerance.values("inverse_transform", iy, Conformance.doubles(inv.get("x")), ri.inverse(iy));
    }

    @TestFactory
    Stream<DynamicTest> learnedToLearned() {
        List<JsonNode> cases = Conformance.cases("learned_to_learned");
        assertFalse(cases.isEmpty(), "no learned_to_learned cases found");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
            LearnedDistribution s = LearnedDistribution.fit(Conformance.doubles(c.get("source_x")));
            LearnedDistribution t = LearnedDistribution.fit(Conformance.doubles(c.get("target_x")));
            Redistributor r = Redistributor.of(s, t);
            double[] x = Conformance.doubles(c.get("x"));
            Tolerance.values("transform", x, Conformance.doubles(c.get("y")), r.transform(x));
            double[] y = Conformance.doubles(c.get("inverse_y"));
            Tolerance.values("inverse_transform", y, Conformance.doubles(c.get("inverse_x")), r.inverse(y));
        }));
    }

    @TestFactory
    Stream<DynamicTest> rejects() {
        List<JsonNode> cases = Conformance.cases("rejects");
        assertFalse(cases.isEmpty(), "no rejects cases found");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
            double[] x = Conformance.doubles(c.get("x"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fitter(c.get("params")).fit(x), c.get("why").asText());
            // the message names the argument of the rule ("a must be ...", "bins must be ...")
            String arg = c.get("why").asText().split(" ")[0];
            String rule = c.get("why").asText();
            assertTrueContains(e.getMessage(), arg.equals("subsample") ? "subsample" : arg, rule);
        }));
    }

    private static void assertTrueContains(String message, String word, String rule) {
        if (!message.startsWith(word) && !message.contains(" " + word)) {
            throw new AssertionError("message '" + message + "' should name '" + word + "' for rule: " + rule);
        }
    }
}
