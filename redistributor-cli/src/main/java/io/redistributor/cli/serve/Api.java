package io.redistributor.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.redistributor.image.Image;
import io.redistributor.image.Method;
import io.redistributor.image.Space;
import io.redistributor.image.TransferOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Routes every request of the server: the page's files and the JSON API under {@code /api}
 * (described in docs/serve.md). Clients name images and jobs only by the random ids the server
 * made; no request path or parameter is ever used as a file name.
 */
final class Api implements HttpHandler {
    private static final String RESOURCES = "/io/redistributor/cli/serve/";
    /** The bundled example photos (resources examples/NAME.jpg). */
    static final List<String> EXAMPLES = List.of("astronaut", "chelsea", "coffee", "rocket");
    /** The page's files: request path → resource name and type. */
    private static final Map<String, String[]> ASSETS = Map.of(
        "/", new String[] {"index.html", "text/html; charset=utf-8"},
        "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
        "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
        "/style.css", new String[] {"style.css", "text/css; charset=utf-8"});
    private static final String CSP = "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; "
        + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";
    /** Most bytes of an oversized upload read and discarded before answering 413. */
    private static final long DRAIN = 16L << 20;

    private final ServerConfig config;
    private final Workspace workspace;
    private final Jobs jobs;
    private volatile Set<String> hosts = Set.of();

    Api(ServerConfig config, Workspace workspace, Jobs jobs) {
        this.config = config;
        this.workspace = workspace;
        this.jobs = jobs;
    }

    /** Sets the Host header values accepted (the bound port is known only after binding). */
    void allowHosts(int port) {
        hosts = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            try {
                checkOrigin(ex);
                route(ex);
            } catch (ApiException e) {
                Http.error(ex, e);
            } catch (RuntimeException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                Http.error(ex, new ApiException(500, "internal", "internal error: " + e));
            }
        }
    }

    /**
     * Refuses requests whose Host is not this machine's loopback name (DNS rebinding) and
     * changes from pages of other origins (cross-site requests), unless remote use is allowed.
     */
    private void checkOrigin(HttpExchange ex) {
        if (config.allowRemote()) {
            return;
        }
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
            throw new ApiException(403, "forbidden-host", "this server answers only requests to 127.0.0.1 or localhost");
        }
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin != null && !("http://" + host).equalsIgnoreCase(origin) && !"GET".equals(ex.getRequestMethod())) {
            throw new ApiException(403, "forbidden-origin", "requests from other web sites are refused");
        }
    }

    private void route(HttpExchange ex) throws IOException, InterruptedException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String[] asset = ASSETS.get(path);
        if (asset != null) {
            expect(method, "GET", "HEAD");
            if (asset[1].startsWith("text/html")) {
                ex.getResponseHeaders().set("Content-Security-Policy", CSP);
            }
            Http.send(ex, 200, asset[1], resource(asset[0]));
            return;
        }
        String[] seg = path.split("/", -1);
        if (seg.length < 3 || !seg[0].isEmpty() || !seg[1].equals("api")) {
            if (path.equals("/api")) {
                expect(method, "GET", "HEAD");
                Http.json(ex, 200, info());
                return;
            }
            throw ApiException.notFound("no page at " + Workspace.clip(path));
        }
        String kind = seg[2];
        String id = seg.length > 3 ? seg[3] : null;
        String sub = seg.length > 4 ? seg[4] : null;
        if (seg.length > 5 || "".equals(id) || "".equals(sub)) {
            throw ApiException.notFound("no API route " + Workspace.clip(path));
        }
        switch (kind) {
            case "examples":
                examples(ex, method, id, sub);
                return;
            case "images":
                images(ex, method, id, sub);
                return;
            case "match":
                if (id != null) {
                    throw ApiException.notFound("no API route " + Workspace.clip(path));
                }
                expect(method, "POST");
                match(ex);
                return;
            case "jobs":
                if (id == null) {
                    throw ApiException.notFound("give a job id: /api/jobs/ID");
                }
                jobRoute(ex, method, id, sub);
                return;
            default:
                throw ApiException.notFound("no API route " + Workspace.clip(path));
        }
    }

    private Map<String, Object> info() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxUploadBytes", config.maxUploadBytes());
        m.put("maxPixels", config.maxPixels());
        m.put("methods", Params.spellings(Method.class));
        m.put("spaces", Params.spellings(Space.class));
        m.put("defaults", Params.toJson(TransferOptions.defaults()));
        m.put("examples", EXAMPLES);
        return m;
    }

    private void examples(HttpExchange ex, String method, String name, String sub) throws IOException {
        expect(method, "GET", "HEAD");
        if (name == null) {
            Http.json(ex, 200, Map.of("examples", EXAMPLES));
            return;
        }
        if (sub != null || !EXAMPLES.contains(name)) {
            throw ApiException.notFound(String.format(Locale.ROOT, "example '%s' is not one of %s",
                Workspace.clip(name), EXAMPLES));
        }
        Http.send(ex, 200, "image/jpeg", resource("examples/" + name + ".jpg"));
    }

    private void images(HttpExchange ex, String method, String id, String sub) throws IOException {
        if (id == null) {
            expect(method, "POST");
            Workspace.Stored s = upload(ex);
            Http.json(ex, 201, describe(s));
            return;
        }
        Workspace.Stored s = workspace.image(id, "image");
        if (sub == null) {
            expect(method, "GET", "HEAD", "DELETE");
            if (method.equals("DELETE")) {
                workspace.remove(id);
                Http.send(ex, 204, "text/plain", new byte[0]);
            } else {
                Http.json(ex, 200, describe(s));
            }
        } else if (sub.equals("preview")) {
            expect(method, "GET", "HEAD");
            Http.send(ex, 200, "image/png", s.preview());
        } else {
            throw ApiException.notFound("no API route /api/images/ID/" + Workspace.clip(sub));
        }
    }

    private Workspace.Stored upload(HttpExchange ex) throws IOException {
        Map<String, String> p = Http.query(ex);
        for (String k : p.keySet()) {
            if (!k.equals("name") && !k.equals("example")) {
                throw ApiException.badParameter(String.format(Locale.ROOT,
                    "unknown parameter '%s' (known: example, name)", Workspace.clip(k)));
            }
        }
        String example = p.get("example");
        if (example != null) {
            if (!EXAMPLES.contains(example)) {
                throw ApiException.badParameter(String.format(Locale.ROOT, "example '%s' is not one of %s",
                    Workspace.clip(example), EXAMPLES));
            }
            byte[] b = resource("examples/" + example + ".jpg");
            return workspace.add(example + ".jpg", Uploads.decode(b, example, config.maxPixels()), b.length);
        }
        String name = Uploads.safeName(p.get("name"));
        long max = config.maxUploadBytes();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > max + DRAIN) {
            throw tooLarge(name, Long.parseLong(declared), max);
        }
        byte[] body = Http.readAtMost(ex.getRequestBody(), max);
        if (body.length > max) {
            Http.drain(ex.getRequestBody(), DRAIN);
            throw tooLarge(name, -1, max);
        }
        Image img = Uploads.decode(body, name, config.maxPixels());
        return workspace.add(name, img, body.length);
    }

    private static ApiException tooLarge(String name, long size, long max) {
        String s = size < 0 ? "more than " + max : Long.toString(size);
        return new ApiException(413, "too-large", String.format(Locale.ROOT,
            "%s is %s bytes, above the upload limit of %d bytes (see --max-upload)", name, s, max));
    }

    private void match(HttpExchange ex) throws IOException, InterruptedException {
        Map<String, String> p = Http.params(ex);
        TransferOptions options = Params.options(p);
        boolean wait = Params.flag(p, "wait");
        Workspace.Stored src = workspace.image(Params.required(p, "source"), "source");
        Workspace.Stored ref = workspace.image(Params.required(p, "reference"), "reference");
        Job job = jobs.submit(src, ref, options);
        if (wait) {
            job.await(Long.MAX_VALUE / 2);
        }
        Http.json(ex, job.ended() ? 200 : 202, job.toJson());
    }

    private void jobRoute(HttpExchange ex, String method, String id, String sub) throws IOException {
        Job job = jobs.get(id);
        if (sub == null) {
            expect(method, "GET", "HEAD", "DELETE");
            if (method.equals("DELETE")) {
                jobs.remove(id);
                Http.send(ex, 204, "text/plain", new byte[0]);
            } else {
                Http.json(ex, 200, job.toJson());
            }
            return;
        }
        expect(method, "GET", "HEAD");
        if (job.state() != Job.State.DONE) {
            throw new ApiException(409, "not-done", String.format(Locale.ROOT,
                "job %s has no result (it is %s)", id, job.state().name().toLowerCase(Locale.ROOT)));
        }
        if (sub.equals("preview")) {
            Http.send(ex, 200, "image/png", job.preview());
        } else if (sub.equals("result")) {
            String name = job.downloadName();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + name + "\"");
            Http.sendFile(ex, Previews.mimeType(ext), job.file());
        } else {
            throw ApiException.notFound("no API route /api/jobs/ID/" + Workspace.clip(sub));
        }
    }

    private static void expect(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw new ApiException(405, "method-not-allowed", String.format(Locale.ROOT,
            "method %s is not allowed here (allowed: %s)", Workspace.clip(method), String.join(", ", allowed)));
    }

    /** Describes an uploaded image. */
    private static Map<String, Object> describe(Workspace.Stored s) {
        Map<String, Object> m = describe(s.image());
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("bytes", s.bytes());
        m.put("preview", "/api/images/" + s.id() + "/preview");
        return m;
    }

    /** Size, depth, channels, alpha and format of an image. */
    static Map<String, Object> describe(Image img) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", img.width());
        m.put("height", img.height());
        m.put("bitDepth", img.bitDepth());
        m.put("channels", img.channels());
        m.put("alpha", img.hasAlpha());
        m.put("format", img.format());
        return m;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Api.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }
}
