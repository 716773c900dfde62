package io.redistributor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code redistributor} command: lists the subcommands and holds the options every
 * subcommand inherits ({@code --help}, {@code --version}, {@code --verbose}).
 */
@Command(name = "redistributor", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
    versionProvider = RedistributorCommand.Version.class, sortOptions = false,
    description = "Transform data so that it follows a target distribution: R = F_T^-1 o F_S.",
    subcommands = {
        MatchCommand.class, FitCommand.class, TransformCommand.class, PlotCommand.class, InspectCommand.class,
        MosaicCommand.class, AugmentCommand.class, io.redistributor.cli.serve.ServeCommand.class,
        AutoComplete.GenerateCompletion.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  success",
        "  1  a batch finished but some inputs failed (each reported on stderr)",
        "  2  bad command line, or an output that names an input (without --force)",
        "  3  invalid input: non-numeric cell, missing column, model for other columns,",
        "     unreadable image, data that cannot be fitted",
        "  4  a file could not be read or written",
        "  5  internal error (run with --verbose and report the stack trace)",
        "",
        "Shell completion: source <(redistributor generate-completion)"
    })
public final class RedistributorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Whether error messages include the stack trace; every subcommand accepts it. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
        description = "On error, print the stack trace after the one-line message.")
    boolean verbose;

    /** Creates the command (picocli instantiates it). */
    public RedistributorCommand() {
    }

    /**
     * Without a subcommand, prints the usage and fails.
     *
     * @return {@link ExitCodes#USAGE}
     */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** Reads the version from the jar's resources. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = RedistributorCommand.class.getResourceAsStream("/redistributor-cli.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "redistributor " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
