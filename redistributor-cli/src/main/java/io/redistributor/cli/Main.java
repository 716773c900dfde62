package io.redistributor.cli;

/**
 * Entry point of the runnable jar: {@code java -jar redistributor.jar COMMAND ...}. The only place
 * that calls {@link System#exit}.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command line and exits with its code (see {@link ExitCodes}).
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        System.exit(Cli.commandLine().execute(args));
    }
}
