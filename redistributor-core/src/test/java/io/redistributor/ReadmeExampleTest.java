package io.redistributor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.diagnostics.FitReport;
import io.redistributor.io.ModelIO;
import io.redistributor.io.RedistributorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example of the README, run as written (with data made here). */
class ReadmeExampleTest {

    @Test
    void readmeExampleRuns(@TempDir Path dir) throws Exception {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(17);
        double[] data = new double[50_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = -Math.log(rng.nextDouble()) * 3 + 1;   // exponential, skewed
        }

        // --- as in the README ---
        LearnedDistribution source = LearnedDistribution.fit(data);
        Redistributor r = Redistributor.of(source, ParametricDistribution.parse("normal:0,1"));
        double[] gaussian = r.transform(data);
        double[] back = r.inverse(gaussian);
        // ---

        for (int i = 0; i < data.length; i++) {
            // inside the support the round trip through N(0,1) is exact to rounding; 1e-9 of the
            // value's scale leaves room for the quantile's interpolation slope
            assertEquals(data[i], back[i], 1e-9 * Math.max(1, Math.abs(data[i])));
        }
        FitReport report = FitReport.of(gaussian, r.target());
        // a fixed seed, so this is deterministic; the transform makes the data normal
        assertTrue(report.ksPValue() > 0.01, report.toString());

        Path path = dir.resolve("model.json");
        ModelIO.write(RedistributorModel.builder().add("alcohol", r).build(), path);
        assertTrue(Files.size(path) > 0);
        assertEquals(r.transform(4.2), ModelIO.read(path).get("alcohol").transform(4.2));
    }
}
