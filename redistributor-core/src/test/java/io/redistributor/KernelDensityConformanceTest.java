package io.redistributor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The reference vectors of kind {@code kde}, one dynamic test per case. */
class KernelDensityConformanceTest {

    @TestFactory
    Stream<DynamicTest> kde() {
        List<JsonNode> cases = Conformance.cases("kde");
        assertFalse(cases.isEmpty(), "no kde cases found in " + Conformance.dir());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
    }

    private static void check(JsonNode c) {
        double[] x = Conformance.doubles(c.get("x"));
        double[] original = x.clone();
        JsonNode params = c.get("params");
        KernelDensity d = KernelDensity.of(x, Conformance.number(params.get("bandwidth")),
            params.get("grid_density").asInt());
        assertArrayEquals(original, x, "the caller's array must not change");

        assertEquals(c.get("grid_used").asInt(), d.gridUsed(), "grid_used");
        double[] support = Conformance.doubles(c.get("support"));
        // grid points are computed as numpy.linspace computes them: exactly equal
        assertEquals(support[0], d.supportLower(), 0, "support lower");
        assertEquals(support[1], d.supportUpper(), 0, "support upper");
        double[] ppfSupport = Conformance.doubles(c.get("ppf_support"));
        Tolerance.probabilities("ppf_support", ppfSupport, ppfSupport,
            new double[] {d.probabilityLower(), d.probabilityUpper()});

        JsonNode precise = c.get("cdf_precise");
        double[] q = Conformance.doubles(precise.get("q"));
        Tolerance.probabilities("cdf_precise", q, Conformance.doubles(precise.get("p")), d.cdfPrecise(q));

        JsonNode fast = c.get("cdf_fast");
        double[] qf = Conformance.doubles(fast.get("q"));
        double[] expectedFast = Conformance.doubles(fast.get("p"));
        Tolerance.probabilities("cdf_fast (bulk)", qf, expectedFast, d.cdf(qf));
        double[] scalar = new double[qf.length];
        for (int i = 0; i < qf.length; i++) {
            scalar[i] = d.cdf(qf[i]);
        }
        Tolerance.probabilities("cdf_fast (scalar)", qf, expectedFast, scalar);

        JsonNode pdf = c.get("pdf");
        double[] qd = Conformance.doubles(pdf.get("q"));
        double[] density = new double[qd.length];
        d.density(qd, 0, density, 0, qd.length);
        Tolerance.values("pdf", qd, Conformance.doubles(pdf.get("d")), density);

        JsonNode ppf = c.get("ppf");
        double[] p = Conformance.doubles(ppf.get("p"));
        Tolerance.values("ppf", p, Conformance.doubles(ppf.get("q")), d.quantile(p));
    }
}
