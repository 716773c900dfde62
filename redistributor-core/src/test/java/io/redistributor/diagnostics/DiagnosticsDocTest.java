package io.redistributor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of docs/diagnostics.md prints what the page says. */
class DiagnosticsDocTest {

    @Test
    void reportExampleMatchesTheDocumentedOutput() throws IOException {
        // Tests run in the module directory; the docs are at the repository root.
        Path doc = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("diagnostics.md");
        List<String> documented = Files.readAllLines(doc).stream().filter(l -> l.startsWith("// n="))
            .map(l -> l.substring(3)).toList();
        assertEquals(3, documented.size(), "three documented reports");

        double[] x = ParametricDistribution.of("gamma", 2, 1.5).sample(2000, 17);
        Redistributor r = Redistributor.of(LearnedDistribution.fit(x), ParametricDistribution.normal(5, 2));
        assertEquals(documented.get(0), FitReport.of(r.transform(x), r.target()).toString());
        double[] fresh = ParametricDistribution.of("gamma", 2, 1.5).sample(500, 99);
        FitReport ok = FitReport.of(r.transform(fresh), r.target());
        assertEquals(documented.get(1), ok.toString());
        double[] drifted = ParametricDistribution.of("gamma", 2, 2.0).sample(500, 99);
        FitReport bad = FitReport.of(r.transform(drifted), r.target());
        assertEquals(documented.get(2), bad.toString());
        // what the page concludes from them
        assertTrue(ok.ksPValue() > 0.01 && bad.ksPValue() < 1e-6);
    }
}
