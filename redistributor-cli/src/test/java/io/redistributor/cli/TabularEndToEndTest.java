package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fit, transform, transform --inverse and inspect on the wine data (178 rows, 14 numeric
 * columns with many repeated values), checked against independent expectations: the
 * Kolmogorov–Smirnov test of Commons Statistics, equality of tied inputs, and the input itself.
 */
class TabularEndToEndTest {
    @TempDir
    static Path dir;

    static Path wine;
    static Path model;
    static Path out;
    static List<String[]> input;
    static List<String[]> output;

    @BeforeAll
    static void fitAndTransform() throws IOException {
        wine = Run.shared().resolve("data/wine.csv");
        model = dir.resolve("wine-model.json");
        out = dir.resolve("wine-normal.csv");
        Run fit = Run.of("fit", wine, "-o", model);
        assertEquals(0, fit.code(), fit::toString);
        Run tr = Run.of("transform", wine, "--model", model, "-o", out);
        assertEquals(0, tr.code(), tr::toString);
        input = read(wine);
        output = read(out);
    }

    static List<String[]> read(Path p) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    static double[] column(List<String[]> rows, int c) {
        return rows.stream().skip(1).mapToDouble(r -> Double.parseDouble(r[c])).toArray();
    }

    @Test
    void headerAndRowCountAreKept() {
        assertEquals(input.size(), output.size());
        assertEquals(Arrays.asList(input.get(0)), Arrays.asList(output.get(0)));
    }

    @Test
    void columnsWithMostlyDistinctValuesFollowTheTargetByKolmogorovSmirnov() {
        NormalDistribution target = NormalDistribution.of(0, 1);
        int tested = 0;
        for (int c = 0; c < input.get(0).length; c++) {
            double[] x = column(input, c);
            if (Arrays.stream(x).distinct().count() * 2 < x.length) {
                continue;
            }
            double[] y = column(output, c);
            // 1 % level, as required of the command: a correct transform fails it 1 time in 100 per column
            // at most, and the fitted lattice reproduces the training data's ranks, so p is near 1 here.
            double p = KolmogorovSmirnovTest.withDefaults().test(y, target::cumulativeProbability).getPValue();
            assertTrue(p > 0.01, input.get(0)[c] + ": p = " + p);
            tested++;
        }
        assertTrue(tested >= 5, "enough wine columns have mostly distinct values: " + tested);
    }

    @Test
    void equalInputsStayEqualInEveryColumn() {
        for (int c = 0; c < input.get(0).length; c++) {
            Map<Double, String> seen = new HashMap<>();
            for (int r = 1; r < input.size(); r++) {
                double x = Double.parseDouble(input.get(r)[c]);
                String y = output.get(r)[c];
                String before = seen.putIfAbsent(x, y);
                if (before != null) {
                    assertEquals(before, y, input.get(0)[c] + " value " + x + " row " + r);
                }
            }
        }
    }

    @Test
    void inverseGivesTheInputBack() throws IOException {
        Path back = dir.resolve("wine-back.csv");
        Run r = Run.of("transform", out, "--model", model, "-o", back, "--inverse");
        assertEquals(0, r.code(), r::toString);
        List<String[]> rows = read(back);
        for (int c = 0; c < input.get(0).length; c++) {
            double[] x = column(input, c);
            double[] z = column(rows, c);
            for (int i = 0; i < x.length; i++) {
                // 1e-9 relative: the transform and its inverse are piecewise linear maps evaluated in double
                // precision, and the text written keeps every bit, so only a few ulps of rounding remain.
                assertEquals(x[i], z[i], 1e-9 * Math.max(1, Math.abs(x[i])), input.get(0)[c] + " row " + i);
            }
        }
    }

    @Test
    void otherColumnsAreCopiedByteForByte() throws IOException {
        Path m2 = dir.resolve("two.json");
        Path o2 = dir.resolve("two.csv");
        Run fit = Run.of("fit", wine, "--columns", "alcohol,proline", "-o", m2, "--target", "uniform:0,1");
        assertEquals(0, fit.code(), fit::toString);
        Run r = Run.of("transform", wine, "--model", m2, "-o", o2);
        assertEquals(0, r.code(), r::toString);
        List<String[]> rows = read(o2);
        List<String> header = Arrays.asList(input.get(0));
        int alcohol = header.indexOf("alcohol");
        int proline = header.indexOf("proline");
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < header.size(); c++) {
                if (i > 0 && (c == alcohol || c == proline)) {
                    double y = Double.parseDouble(rows.get(i)[c]);
                    assertTrue(y > 0 && y < 1, "uniform:0,1 target");
                } else {
                    assertEquals(input.get(i)[c], rows.get(i)[c], "row " + i + " column " + c);
                }
            }
        }
    }

    @Test
    void inspectSummarizesTheModel() {
        Run r = Run.of("inspect", model);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("column 'alcohol'"), r::toString);
        assertTrue(r.out().contains("learned, 178 bins from 178 samples"), r::toString);
        assertTrue(r.out().contains("normal:0.0,1.0") || r.out().contains("normal:0,1"), r::toString);
        assertTrue(r.out().contains("ties midpoint"), r::toString);
    }

    @Test
    void plotWritesAPng() throws IOException {
        Path png = dir.resolve("plot.png");
        Path m2 = dir.resolve("plot-model.json");
        assertEquals(0, Run.of("fit", wine, "--columns", "hue,proline", "-o", m2).code());
        Run r = Run.of("plot", m2, "--data", wine, "-o", png);
        assertEquals(0, r.code(), r::toString);
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertEquals("\u0089PNG", new String(head, 0, 4, StandardCharsets.ISO_8859_1));
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(2 * 300, img.getHeight(), "one row of panels per column");
        assertEquals(5 * 420, img.getWidth(), "five panels with --data");
    }
}
