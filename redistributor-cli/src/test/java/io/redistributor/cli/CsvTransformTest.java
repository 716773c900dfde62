package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redistributor.Redistributor;
import io.redistributor.io.ModelIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * transform on a file with CRLF line ends, quoted text holding delimiters and a line break,
 * missing values, a blank line and no final line end: everything but the transformed cells is
 * copied byte for byte, and each transformed cell reads back as exactly the model's transform
 * of the input (computed independently through the library).
 */
class CsvTransformTest {
    @TempDir
    Path dir;

    @Test
    void onlyTheModelsCellsChange() throws IOException {
        Path train = dir.resolve("train.csv");
        StringBuilder t = new StringBuilder("v\n");
        for (int i = 0; i < 50; i++) {
            t.append(i * 0.37 - 3).append('\n');
        }
        Files.writeString(train, t);
        Path model = dir.resolve("m.json");
        assertEquals(0, Run.of("fit", train, "-o", model, "--target", "uniform:0,1").code());
        Redistributor r = ModelIO.read(model).get("v");

        String[][] rows = {
            {"\"say, \"\"hi\"\"\"", "1.5", "  x "},
            {"\"two\nlines\"", "", "y"},
            {"plain", "NaN", ""},
            {"q", " 2.25 ", "\"z\""},
            {"last", "\"-1\"", "w"},
        };
        StringBuilder in = new StringBuilder("name,v,other\r\n");
        StringBuilder expected = new StringBuilder("name,v,other\r\n");
        for (int i = 0; i < rows.length; i++) {
            if (i == 2) {
                in.append("\r\n");
                expected.append("\r\n");
            }
            String v = rows[i][1];
            String stripped = v.replace("\"", "").strip();
            String out = stripped.isEmpty() || stripped.equalsIgnoreCase("nan") ? v
                : Double.toString(r.transform(Double.parseDouble(stripped)));
            String eol = i == rows.length - 1 ? "" : "\r\n";
            in.append(rows[i][0]).append(',').append(v).append(',').append(rows[i][2]).append(eol);
            expected.append(rows[i][0]).append(',').append("@").append(out).append("@,").append(rows[i][2]).append(eol);
        }
        Path data = dir.resolve("data.csv");
        Files.writeString(data, in);
        Path outFile = dir.resolve("out.csv");
        Run run = Run.of("transform", data, "--model", model, "-o", outFile);
        assertEquals(0, run.code(), run::toString);
        String got = Files.readString(outFile, StandardCharsets.UTF_8);
        // Compare with the transformed cells as doubles (the text form may differ from Double.toString).
        String[] expParts = expected.toString().split("@", -1);
        int pos = 0;
        for (int k = 0; k < expParts.length; k++) {
            if (k % 2 == 0) {
                assertEquals(expParts[k], got.substring(pos, pos + expParts[k].length()), "copied text " + k);
                pos += expParts[k].length();
            } else {
                int end = got.indexOf(',', pos);
                String cell = got.substring(pos, end);
                String want = expParts[k];
                if (want.strip().replace("\"", "").isEmpty() || want.equalsIgnoreCase("nan")) {
                    assertEquals(want, cell, "missing cell kept");
                } else {
                    assertEquals(Double.parseDouble(want), Double.parseDouble(cell), 0.0, "transformed cell " + k);
                }
                pos = end;
            }
        }
        assertEquals(got.length(), pos);
    }
}
