package io.redistributor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redistributor.KernelDensity;
import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/model-format.md work as documented. */
class ModelFormatDocTest {

    static Path doc() {
        // Tests run in the module directory; the docs are at the repository root.
        Path p = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("model-format.md");
        assertTrue(Files.isRegularFile(p), "missing " + p);
        return p;
    }

    static List<String> blocks(String text, String language) {
        List<String> out = new ArrayList<>();
        String fence = "```" + language + "\n";
        int i = text.indexOf(fence);
        while (i >= 0) {
            int end = text.indexOf("```", i + fence.length());
            out.add(text.substring(i + fence.length(), end));
            i = text.indexOf(fence, end + 3);
        }
        return out;
    }

    @Test
    void exampleFileLoads() throws IOException {
        List<String> json = blocks(Files.readString(doc()), "json");
        assertEquals(2, json.size(), "a whole file and a kde fragment");
        RedistributorModel m = ModelIO.fromJson(json.get(0));
        assertEquals(List.of("alcohol", "price"), m.columnNames());
        LearnedDistribution s = (LearnedDistribution) m.get("alcohol").source();
        assertArrayEquals(new double[] {0.0, 0.2, 1.9, 2.5, 3.0, 7.9}, s.values());
        assertEquals(ParametricDistribution.of("lognormal", 2, 0.5), m.get("price").source());
    }

    @Test
    void kdeFragmentReads() throws IOException {
        String fragment = blocks(Files.readString(doc()), "json").get(1);
        JsonNode source = new ObjectMapper().readTree("{" + fragment + "}").get("source");
        KernelDensity k = (KernelDensity) DistributionCodec.read(Field.root(source));
        assertArrayEquals(new double[] {0.0, 2.483329620904937, 0.48891779594633755, -0.3516293646554649}, k.data());
        assertEquals(0.4, k.bandwidth());
        assertEquals(200, k.gridDensity());
    }

    @Test
    void javaExampleRuns(@TempDir Path dir) throws IOException {
        double[] alcohol = ParametricDistribution.normal(10.4, 1.1).sample(200, 1);
        double[] price = ParametricDistribution.of("lognormal", 2, 0.5).sample(200, 2);
        double[] newAlcohol = {9.5, 10.1, 12.3};
        RedistributorModel model = RedistributorModel.builder()
            .add("alcohol", Redistributor.of(LearnedDistribution.fit(alcohol), ParametricDistribution.normal(0, 1)))
            .add("price", Redistributor.of(LearnedDistribution.fit(price), ParametricDistribution.uniform(0, 1)))
            .creation("my-pipeline 2.1", Instant.now())
            .property("dataset", "wine.csv")
            .build();
        Path file = dir.resolve("wine-model.json");
        ModelIO.write(model, file);
        RedistributorModel back = ModelIO.read(file);
        double[] z = back.get("alcohol").transform(newAlcohol);
        assertArrayEquals(model.get("alcohol").transform(newAlcohol), z);
    }
}
