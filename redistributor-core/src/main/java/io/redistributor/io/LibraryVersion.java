package io.redistributor.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * This library's version, read once from the Maven descriptor that the jar plugin puts in the
 * jar ({@code META-INF/maven/io.redistributor/redistributor-core/pom.properties}); "unknown"
 * when running from classes without it (e.g. in the module's own tests).
 */
final class LibraryVersion {

    static final String UNKNOWN = "unknown";
    private static final String RESOURCE = "/META-INF/maven/io.redistributor/redistributor-core/pom.properties";
    private static final String VERSION = load();

    private LibraryVersion() {
    }

    static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return UNKNOWN;
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            return v == null || v.isBlank() ? UNKNOWN : v.trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
