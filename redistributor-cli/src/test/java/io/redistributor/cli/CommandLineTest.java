package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Help, version, completion and command-line errors. */
class CommandLineTest {
    private static final String[] COMMANDS = {"fit", "transform", "plot", "inspect", "match", "mosaic", "augment"};

    @Test
    void everyCommandHasHelp() {
        Run top = Run.of("--help");
        assertEquals(0, top.code(), top::toString);
        for (String c : COMMANDS) {
            assertTrue(top.out().contains(c), () -> c + " missing from\n" + top.out());
            Run r = Run.of(c, "--help");
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("Usage: redistributor " + c), r::toString);
        }
        assertTrue(top.out().contains("Exit codes:"), top.out());
    }

    @Test
    void versionNamesTheProgram() {
        Run r = Run.of("--version");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("redistributor "), r.out());
        assertTrue(r.out().lines().findFirst().orElse("").matches("redistributor \\d+\\.\\d+\\.\\d+.*"), r.out());
    }

    @Test
    void completionScriptIsGenerated() {
        Run r = Run.of("generate-completion");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("complete -F"), "a bash completion script");
        assertTrue(r.out().contains("transform"), "it completes subcommands");
    }

    @Test
    void unknownOptionIsOneLineWithUsageCode() {
        Run r = Run.of("fit", "--bogus", "x.csv", "-o", "m.json");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertTrue(r.err().contains("--bogus"), r::toString);
    }

    @Test
    void missingSubcommandPrintsUsageAndFails() {
        Run r = Run.of();
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("Usage: redistributor"), r::toString);
    }

    @Test
    void badEnumValueNamesTheChoices() {
        Run r = Run.of("fit", "x.csv", "-o", "m.json", "--ties", "sometimes");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("MIDPOINT"), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
    }
}
