package io.redistributor.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Small helpers for reading requests and writing responses of the JDK's HTTP server. */
final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The largest form body accepted by {@link #params}. */
    static final int MAX_FORM_BYTES = 64 * 1024;

    private Http() {
    }

    /** The query parameters; a parameter given twice keeps its last value. */
    static Map<String, String> query(HttpExchange ex) {
        Map<String, String> p = new LinkedHashMap<>();
        parse(ex.getRequestURI().getRawQuery(), p);
        return p;
    }

    /**
     * The query parameters, plus the body's when it is {@code application/x-www-form-urlencoded}
     * (the body's win). A parameter given twice keeps its last value.
     */
    static Map<String, String> params(HttpExchange ex) throws IOException {
        Map<String, String> p = query(ex);
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            byte[] body = readAtMost(ex.getRequestBody(), MAX_FORM_BYTES);
            if (body.length > MAX_FORM_BYTES) {
                throw new ApiException(413, "too-large", String.format(Locale.ROOT,
                    "the form body is larger than %d bytes", MAX_FORM_BYTES));
            }
            parse(new String(body, StandardCharsets.UTF_8), p);
        }
        return p;
    }

    private static void parse(String raw, Map<String, String> into) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                into.put(k, v);
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter("the query or form is not properly %-encoded: " + e.getMessage());
            }
        }
    }

    /**
     * Reads up to {@code limit + 1} bytes, so that a caller sees whether the stream held more
     * than the limit.
     */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long left = limit + 1;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            left -= n;
        }
        return out.toByteArray();
    }

    /** Reads and discards up to {@code limit} bytes (so that the client sees the answer, not a reset). */
    static void drain(InputStream in, long limit) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = limit;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                return;
            }
            left -= n;
        }
    }

    /** Sends an object as JSON. */
    static void json(HttpExchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /** Sends the JSON error body of an {@link ApiException}. */
    static void error(HttpExchange ex, ApiException e) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        body.put("code", e.code());
        body.put("status", e.status());
        json(ex, e.status(), body);
    }

    /**
     * Streams a file of the server's folder.
     *
     * @throws ApiException 404 if the file was deleted meanwhile (its job was dropped)
     */
    static void sendFile(HttpExchange ex, String type, Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw ApiException.notFound("the result was deleted (its job was dropped or deleted)");
        }
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(200, head ? -1 : size);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(file, out);
            }
        }
    }

    /** Sends bytes with a content type; HEAD requests get the headers only. */
    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
