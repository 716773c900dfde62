package io.redistributor.cli.serve;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Settings of a {@link WebServer}.
 *
 * @param bind the address to listen on
 * @param port the port, 0 for any free port
 * @param allowRemote whether a non-loopback address may be bound (and any Host header accepted)
 * @param maxUploadBytes the largest upload accepted, in bytes
 * @param maxPixels the most pixels of an uploaded image
 * @param tempParent where the server's temporary folder is made, or null for the system's
 */
public record ServerConfig(InetAddress bind, int port, boolean allowRemote, long maxUploadBytes, long maxPixels,
                           Path tempParent) {
    /** Default upload limit: 64 MiB. */
    public static final long DEFAULT_MAX_UPLOAD = 64L << 20;
    /** Default pixel limit: 50 million pixels. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if bind is null, the port is outside [0, 65535], a limit
     *     is below 1, or bind is not a loopback address and allowRemote is false
     */
    public ServerConfig {
        if (bind == null) {
            throw new IllegalArgumentException("bind must not be null");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "port (%d) must be in [0, 65535]", port));
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "maxUploadBytes (%d) must be >= 1",
                maxUploadBytes));
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "maxPixels (%d) must be >= 1", maxPixels));
        }
        if (!bind.isLoopbackAddress() && !allowRemote) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "bind (%s) is not a loopback address; other machines could reach the server, so this needs "
                    + "--allow-remote", bind.getHostAddress()));
        }
    }

    /**
     * 127.0.0.1 on the given port with the default limits.
     *
     * @param port the port, 0 for any free port
     * @return the settings
     */
    public static ServerConfig local(int port) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), port, false, DEFAULT_MAX_UPLOAD, DEFAULT_MAX_PIXELS,
            null);
    }

    /**
     * A copy with another upload limit.
     *
     * @param bytes at least 1
     * @return the modified settings
     */
    public ServerConfig withMaxUploadBytes(long bytes) {
        return new ServerConfig(bind, port, allowRemote, bytes, maxPixels, tempParent);
    }

    /**
     * A copy with another pixel limit.
     *
     * @param pixels at least 1
     * @return the modified settings
     */
    public ServerConfig withMaxPixels(long pixels) {
        return new ServerConfig(bind, port, allowRemote, maxUploadBytes, pixels, tempParent);
    }

    /**
     * A copy whose temporary folder is made in another folder.
     *
     * @param parent the folder, or null for the system's temporary folder
     * @return the modified settings
     */
    public ServerConfig withTempParent(Path parent) {
        return new ServerConfig(bind, port, allowRemote, maxUploadBytes, maxPixels, parent);
    }
}
