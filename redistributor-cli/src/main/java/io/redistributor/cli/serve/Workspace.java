package io.redistributor.cli.serve;

import io.redistributor.image.Image;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server's own temporary folder and the images uploaded to it. Ids are random tokens of 32
 * hexadecimal digits made here; a client's id is only ever looked up in a map, never turned into
 * a path, and the only files written are {@code <server-made id>.<fixed extension>} directly in
 * the folder. The folder and everything in it are deleted by {@link #close()}.
 */
final class Workspace implements Closeable {
    /** The form of every id this server hands out. */
    static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    /** Extensions of the files the server writes. */
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "bmp", "gif", "tif");

    /**
     * An uploaded image: its id, the client's (sanitised) file name, the decoded image, the
     * uploaded file's size and its PNG preview (see {@link Previews#png}).
     */
    record Stored(String id, String name, Image image, long bytes, byte[] preview) {
    }

    private final Path dir;
    private final int maxImages;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Stored> images;

    /**
     * Creates the folder.
     *
     * @param parent where to create it, or null for the system's temporary folder
     * @param maxImages the most uploaded images kept; the least recently used go first
     */
    Workspace(Path parent, int maxImages) throws IOException {
        String prefix = "redistributor-serve-";
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            var perms = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
            dir = parent == null ? Files.createTempDirectory(prefix, perms) : Files.createTempDirectory(parent, prefix, perms);
        } else {
            dir = parent == null ? Files.createTempDirectory(prefix) : Files.createTempDirectory(parent, prefix);
        }
        this.maxImages = maxImages;
        this.images = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** The temporary folder. */
    Path dir() {
        return dir;
    }

    /** A new random id (128 bits). */
    String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Keeps an uploaded image, dropping the least recently used beyond the limit. */
    Stored add(String name, Image image, long bytes) {
        Stored s = new Stored(newId(), name, image, bytes, Previews.png(image));
        synchronized (this) {
            put(s);
        }
        return s;
    }

    private void put(Stored s) {
        images.put(s.id(), s);
        Iterator<String> it = images.keySet().iterator();
        while (images.size() > maxImages && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /**
     * An uploaded image by id.
     *
     * @throws ApiException 404 if the id is malformed, unknown or dropped
     */
    synchronized Stored image(String id, String what) {
        Stored s = ID.matcher(id).matches() ? images.get(id) : null;
        if (s == null) {
            throw ApiException.notFound(String.format(Locale.ROOT,
                "%s '%s' is not the id of an image on this server (upload it again)", what, clip(id)));
        }
        return s;
    }

    /** Forgets an uploaded image; false if there was none with this id. */
    synchronized boolean remove(String id) {
        return images.remove(id) != null;
    }

    /**
     * The file for a server-made id and one of the fixed extensions, directly in the folder.
     *
     * @throws IllegalArgumentException if the id is not of the server's form or the extension is
     *     not one of png, jpg, bmp, gif, tif
     */
    Path file(String id, String ext) {
        if (!ID.matcher(id).matches() || !EXTENSIONS.contains(ext)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "file (%s.%s) must be a server id with extension png, jpg, bmp, gif or tif", clip(id), clip(ext)));
        }
        return dir.resolve(id + "." + ext);
    }

    /** Deletes a file of the folder; ignores files elsewhere and missing files. */
    void delete(Path file) {
        if (file == null || !dir.equals(file.getParent())) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for close(), which removes the whole folder
        }
    }

    /** Forgets every image and deletes the folder with everything in it. */
    @Override
    public synchronized void close() throws IOException {
        images.clear();
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(files::add);
        }
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
    }

    /** A client-supplied value cut short for an error message. */
    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
