package io.redistributor.cli.serve;

import io.redistributor.cli.CliException;
import io.redistributor.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code redistributor serve}: starts the local colour-matching page and its HTTP API (see
 * docs/serve.md) and runs until interrupted (Ctrl-C), then deletes its temporary files.
 */
@Command(name = "serve", sortOptions = false,
    description = {
        "Serve a local web page for colour matching, and its HTTP API, until Ctrl-C:",
        "  redistributor serve [--port P] [--open]",
        "Only this machine can connect unless --bind names another interface together with --allow-remote.",
        "Uploads and results live in a private temporary folder that is deleted on exit."
    })
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8765",
        description = "Port to listen on; 0 picks a free port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--open", description = "Open the page in the default browser.")
    boolean open;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
        description = "Address to listen on (default ${DEFAULT-VALUE}); a non-loopback address needs --allow-remote.")
    String bind;

    @Option(names = "--allow-remote", description = "Allow binding an address other machines can reach. The page "
        + "has no authentication: anyone who reaches it can upload images and run matches.")
    boolean allowRemote;

    @Option(names = "--max-upload", paramLabel = "SIZE", defaultValue = "64M",
        description = "Largest accepted upload: bytes, or with suffix K, M or G (default ${DEFAULT-VALUE}).")
    String maxUpload;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "50000000",
        description = "Most pixels of an uploaded image (default ${DEFAULT-VALUE}).")
    long maxPixels;

    /** Creates the command (picocli instantiates it). */
    public ServeCommand() {
    }

    /**
     * Starts the server, prints its address, and waits until the thread is interrupted or the
     * JVM shuts down; the server is closed (temporary folder deleted) either way.
     *
     * @return {@link ExitCodes#OK} after an interruption
     * @throws CliException (usage) for a bad option value, (IO) if the port cannot be bound
     */
    @Override
    public Integer call() throws IOException {
        ServerConfig config;
        try {
            config = new ServerConfig(address(bind), port, allowRemote, size(maxUpload), maxPixels, null);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        WebServer server;
        try {
            server = WebServer.start(config);
        } catch (BindException e) {
            throw new CliException(ExitCodes.IO, String.format(Locale.ROOT,
                "cannot listen on %s port %d (%s); choose another with --port, or --port 0 for any free port",
                bind, port, e.getMessage()), e);
        }
        Thread hook = new Thread(() -> closeQuietly(server), "redistributor-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("redistributor serve: colour matching at " + server.uri() + " (Ctrl-C to stop)");
        out.flush();
        if (open) {
            openBrowser(server.uri(), spec.commandLine().getErr());
        }
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook's close is then a no-op
            }
        }
        return ExitCodes.OK;
    }

    private static void closeQuietly(WebServer server) {
        try {
            server.close();
        } catch (IOException e) {
            System.err.println("redistributor serve: could not delete " + server.tempDir() + ": " + e.getMessage());
        }
    }

    private static InetAddress address(String name) {
        try {
            return InetAddress.getByName(name);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--bind '%s' is not an address of this "
                + "machine", name), e);
        }
    }

    /**
     * A size in bytes: digits with an optional K, M or G suffix (powers of 1024).
     *
     * @param s the text
     * @return the size, at least 1
     * @throws IllegalArgumentException naming --max-upload if the text is not such a size
     */
    static long size(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT);
        int shift = 0;
        if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
            shift = t.endsWith("K") ? 10 : t.endsWith("M") ? 20 : 30;
            t = t.substring(0, t.length() - 1);
        }
        long v;
        try {
            v = Long.parseLong(t);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 1 || v > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "--max-upload '%s' must be a positive number of bytes, optionally with suffix K, M or G", s));
        }
        return v << shift;
    }

    private static void openBrowser(URI uri, PrintWriter err) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String[] cmd = os.contains("win") ? new String[] {"rundll32", "url.dll,FileProtocolHandler", uri.toString()}
            : os.contains("mac") ? new String[] {"open", uri.toString()}
            : new String[] {"xdg-open", uri.toString()};
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            err.println("redistributor serve: could not open a browser (" + e.getMessage() + "); open " + uri);
            err.flush();
        }
    }
}
