package io.redistributor.cli.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The local colour-matching web server of {@code redistributor serve}: the JDK's
 * {@link HttpServer} with the page and the API of {@link Api}, a {@link Workspace} for the
 * uploads and results, and {@link Jobs} for the matches. {@link #close()} stops it and deletes
 * its temporary folder.
 */
public final class WebServer implements Closeable {
    /** Uploaded images kept at once (least recently used dropped first); each may be large in memory. */
    static final int MAX_IMAGES = 8;
    /** Finished jobs kept at once (oldest dropped first, with their files). */
    static final int MAX_JOBS = 16;

    private final HttpServer http;
    private final ExecutorService handlers;
    private final Workspace workspace;
    private final Jobs jobs;
    private final URI uri;
    private boolean closed;

    private WebServer(ServerConfig config) throws IOException {
        workspace = new Workspace(config.tempParent(), MAX_IMAGES);
        jobs = new Jobs(workspace, MAX_JOBS);
        Api api = new Api(config, workspace, jobs);
        try {
            http = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 0);
        } catch (IOException e) {
            workspace.close();
            throw e;
        }
        int port = http.getAddress().getPort();
        api.allowHosts(port);
        handlers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "redistributor-serve-http");
            t.setDaemon(true);
            return t;
        });
        http.createContext("/", api);
        http.setExecutor(handlers);
        String host = config.bind().isLoopbackAddress() ? "127.0.0.1"
            : config.bind() instanceof Inet6Address ? "[" + config.bind().getHostAddress() + "]"
            : config.bind().getHostAddress();
        uri = URI.create("http://" + host + ":" + port + "/");
    }

    /**
     * Binds and starts a server.
     *
     * @param config the settings
     * @return the running server
     * @throws IOException if the address cannot be bound (port in use) or the temporary folder
     *     cannot be made
     */
    public static WebServer start(ServerConfig config) throws IOException {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        WebServer s = new WebServer(config);
        s.http.start();
        return s;
    }

    /**
     * The address of the page, e.g. {@code http://127.0.0.1:8765/} (a wildcard bind shows as
     * 0.0.0.0).
     *
     * @return the address
     */
    public URI uri() {
        return uri;
    }

    /**
     * The bound port (the one picked when the configuration asked for port 0).
     *
     * @return the port
     */
    public int port() {
        return http.getAddress().getPort();
    }

    /**
     * The server's temporary folder (deleted by {@link #close()}).
     *
     * @return the folder
     */
    public Path tempDir() {
        return workspace.dir();
    }

    /**
     * Stops accepting requests, cancels the matches, and deletes the temporary folder. Calling
     * it again does nothing.
     *
     * @throws IOException if the temporary folder cannot be deleted
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        http.stop(0);
        handlers.shutdownNow();
        try {
            jobs.close();
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workspace.close();
    }
}
