package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error is one line on stderr naming the file (and line and column where they apply), with
 * the documented exit code, and leaves no output file behind.
 */
class ErrorsTest {
    @TempDir
    Path dir;

    Path good;
    Path model;

    @BeforeEach
    void data() throws IOException {
        good = write("good.csv", "a,b,name\n1,10,x\n2,20,y\n3,35,z\n4,41,w\n5,52,v\n");
        model = dir.resolve("model.json");
        Run r = Run.of("fit", good, "-o", model);
        assertEquals(0, r.code(), r::toString);
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    /** Checks a failure: code, one line containing every fragment, and the files left in dir. */
    void assertFails(Run r, int code, List<String> expectedFiles, String... fragments) throws IOException {
        assertEquals(code, r.code(), r::toString);
        assertEquals(1, r.err().lines().count(), () -> "one line: " + r);
        for (String f : fragments) {
            assertTrue(r.err().contains(f), () -> "'" + f + "' in " + r);
        }
        assertEquals(expectedFiles, Run.files(dir), "no output or temporary file left behind");
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws IOException {
        Path bad = write("bad.csv", "a,b\n1,2\n3,4\n5,oops\n7,8\n");
        Run r = Run.of("fit", bad, "--columns", "a,b", "-o", dir.resolve("m2.json"));
        assertFails(r, ExitCodes.DATA, List.of("bad.csv", "good.csv", "model.json"),
            bad + ":4: column 'b': 'oops' is not a number");
        Run t = Run.of("transform", write("bad2.csv", "a,b,name\n1,2,x\n3,4,y\n5,6..,z\n"), "--model", model,
            "-o", dir.resolve("out.csv"));
        assertFails(t, ExitCodes.DATA, List.of("bad.csv", "bad2.csv", "good.csv", "model.json"),
            "bad2.csv:4: column 'b': '6..' is not a number");
    }

    @Test
    void infiniteCellIsReportedWithItsLineAfterMissingCells() throws IOException {
        // Missing cells before the infinite one (in its column and the one before) move values
        // within the chunk; the reported line must still be the infinite cell's own.
        Path inf = write("inf.csv", "a,b\n1,\n,nan\n3,5\n4,-inf\n5,inf\n");
        for (String mode : List.of("exact", "approximate")) {
            List<Object> args = new java.util.ArrayList<>(List.of("fit", inf, "-o", dir.resolve("m2.json")));
            if (mode.equals("approximate")) {
                args.addAll(List.of("--approx-error", "0.01"));
            }
            Run r = Run.of(args.toArray());
            assertFails(r, ExitCodes.DATA, List.of("good.csv", "inf.csv", "model.json"),
                inf + ":5: column 'b': -Infinity cannot be fitted");
        }
    }

    @Test
    void missingColumnIsNamedWithTheHeader() throws IOException {
        Run r = Run.of("fit", good, "--columns", "a,nope", "-o", dir.resolve("m2.json"));
        assertFails(r, ExitCodes.DATA, List.of("good.csv", "model.json"), "no column 'nope' (--columns)",
            "the header has: a, b, name");
    }

    @Test
    void modelForOtherColumnsIsRefused() throws IOException {
        Path other = write("other.csv", "x,y\n1,2\n3,4\n");
        Run r = Run.of("transform", other, "--model", model, "-o", dir.resolve("out.csv"));
        assertFails(r, ExitCodes.DATA, List.of("good.csv", "model.json", "other.csv"), "other.csv",
            "no column 'a' (a column of the model " + model + ")");
    }

    @Test
    void wrongNumberOfFieldsIsReportedWithItsLine() throws IOException {
        Path ragged = write("ragged.csv", "a,b,name\n1,2,x\n3,4\n");
        Run r = Run.of("transform", ragged, "--model", model, "-o", dir.resolve("out.csv"));
        assertFails(r, ExitCodes.DATA, List.of("good.csv", "model.json", "ragged.csv"),
            "ragged.csv:3: 2 fields, but the header has 3 columns");
    }

    @Test
    void missingInputIsAnIoError() throws IOException {
        Run r = Run.of("fit", dir.resolve("absent.csv"), "-o", dir.resolve("m2.json"));
        assertFails(r, ExitCodes.IO, List.of("good.csv", "model.json"), "absent.csv: no such file");
    }

    @Test
    void invalidModelFileIsADataError() throws IOException {
        Path broken = write("broken.json", "{\"format\": \"something else\"}");
        Run r = Run.of("transform", good, "--model", broken, "-o", dir.resolve("out.csv"));
        assertFails(r, ExitCodes.DATA, List.of("broken.json", "good.csv", "model.json"),
            "broken.json: not a valid model file");
    }

    @Test
    void inputIsNeverOverwrittenWithoutForce() throws IOException {
        byte[] before = Files.readAllBytes(good);
        Run r = Run.of("transform", good, "--model", model, "-o", good);
        assertFails(r, ExitCodes.USAGE, List.of("good.csv", "model.json"), "refusing to overwrite the input",
            "--force");
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(good));
        Run forced = Run.of("transform", good, "--model", model, "-o", good, "--force");
        assertEquals(0, forced.code(), forced::toString);
        assertTrue(Files.readString(good).startsWith("a,b,name\n"));
        assertEquals(List.of("good.csv", "model.json"), Run.files(dir));
    }

    @Test
    void failureLateInTheFileKeepsTheOldOutput() throws IOException {
        StringBuilder sb = new StringBuilder("a,b,name\n");
        for (int i = 0; i < 200_000; i++) {
            sb.append(i).append(',').append(i % 97).append(",n\n");
        }
        sb.append("1,zz,n\n");
        Path big = write("big.csv", sb.toString());
        Path out = write("out.csv", "previous content\n");
        Run r = Run.of("transform", big, "--model", model, "-o", out);
        assertFails(r, ExitCodes.DATA, List.of("big.csv", "good.csv", "model.json", "out.csv"),
            "big.csv:200002: column 'b': 'zz' is not a number");
        assertEquals("previous content\n", Files.readString(out));
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Run r = Run.of("fit", good, "--columns", "nope", "-o", dir.resolve("m2.json"), "--verbose");
        assertEquals(ExitCodes.DATA, r.code());
        assertTrue(r.err().lines().count() > 3, r::toString);
        assertTrue(r.err().contains("at io.redistributor.cli."), r::toString);
    }

    @Test
    void unfittableColumnIsNamed() throws IOException {
        Path constant = write("constant.csv", "a,b\n1,7\n2,7\n3,7\n");
        Run r = Run.of("fit", constant, "-o", dir.resolve("m2.json"));
        assertFails(r, ExitCodes.DATA, List.of("constant.csv", "good.csv", "model.json"), "column 'b': cannot fit");
    }
}
