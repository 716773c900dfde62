package io.redistributor.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API of the serve command, through java.net.http against a server on 127.0.0.1, port 0. */
class ApiTest {
    /** Upload limit of the test server: above the small test images, below the oversized upload. */
    static final long MAX_UPLOAD = 100_000;
    /** Pixel limit of the test server: the examples (at most 256 × 256) pass, 400 × 300 does not. */
    static final long MAX_PIXELS = 100_000;

    @TempDir
    static Path parent;
    static WebServer server;
    static TestClient client;

    @BeforeAll
    static void start() throws IOException {
        server = WebServer.start(ServerConfig.local(0).withMaxUploadBytes(MAX_UPLOAD).withMaxPixels(MAX_PIXELS)
            .withTempParent(parent));
        client = new TestClient(server.uri());
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    private static JsonNode upload(byte[] image, String name) throws Exception {
        HttpResponse<byte[]> r = client.post("/api/images?name=" + name, image);
        assertEquals(201, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return TestClient.json(r);
    }

    /** Asserts a 4xx answer with a JSON error body of the given code whose message contains the words. */
    private static JsonNode refused(HttpResponse<byte[]> r, int status, String code, String... words) throws IOException {
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(status, r.statusCode(), text);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), text);
        JsonNode e = TestClient.json(r);
        assertEquals(code, e.get("code").asText(), text);
        assertEquals(status, e.get("status").asInt());
        for (String w : words) {
            assertTrue(e.get("error").asText().contains(w), () -> "'" + w + "' missing from " + text);
        }
        return e;
    }

    @Test
    void servesThePageAndItsFiles() throws Exception {
        HttpResponse<byte[]> page = client.get("/");
        assertEquals(200, page.statusCode());
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<script src=\"/app.js\""), html);
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals(200, client.get("/app.js").statusCode());
        assertEquals(200, client.get("/style.css").statusCode());
        JsonNode info = TestClient.json(client.get("/api"));
        assertEquals(MAX_UPLOAD, info.get("maxUploadBytes").asLong());
        assertEquals(List.of("per-channel", "joint", "reinhard", "mkl"), strings(info.get("methods")));
        BufferedImage example = TestClient.decode(client.get("/api/examples/coffee").body());
        assertTrue(example.getWidth() > 0);
    }

    @Test
    void uploadDescribesTheImageAsDecodedIndependently() throws Exception {
        byte[] png = TestClient.png16(40, 30);
        JsonNode d = upload(png, "gradient.png");
        BufferedImage bi = TestClient.decode(png);
        assertEquals(bi.getWidth(), d.get("width").asInt());
        assertEquals(bi.getHeight(), d.get("height").asInt());
        assertEquals(bi.getColorModel().getComponentSize(0), d.get("bitDepth").asInt());
        assertEquals("png", d.get("format").asText());
        assertEquals(png.length, d.get("bytes").asLong());
        assertTrue(d.get("id").asText().matches("[0-9a-f]{32}"));
        BufferedImage preview = TestClient.decode(client.get(d.get("preview").asText()).body());
        assertEquals(40, preview.getWidth());
        assertEquals(d.get("id").asText(), TestClient.json(client.get("/api/images/" + d.get("id").asText())).get("id").asText());
    }

    @Test
    void refusesUploadsThatAreNotImagesTruncatedEmptyOrTooLarge() throws Exception {
        refused(client.post("/api/images?name=notes.txt", "hello, not a picture".getBytes(StandardCharsets.UTF_8)),
            415, "not-an-image", "notes.txt", "not an image");
        refused(client.post("/api/images?name=empty.png", new byte[0]), 400, "empty", "empty");
        byte[] png = TestClient.png8(60, 40, 0);
        refused(client.post("/api/images?name=half.png", Arrays.copyOf(png, png.length / 2)), 422, "unreadable-image",
            "half.png");
        byte[] fake = Arrays.copyOf(png, 40);
        Arrays.fill(fake, 16, 40, (byte) 0x5A);
        refused(client.post("/api/images?name=fake.png", fake), 422, "unreadable-image", "fake.png");
        byte[] big = new byte[(int) MAX_UPLOAD + 50_000];
        System.arraycopy(png, 0, big, 0, png.length);
        refused(client.post("/api/images?name=big.png", big), 413, "too-large", "--max-upload");
        byte[] wide = TestClient.encode(new BufferedImage(400, 300, BufferedImage.TYPE_BYTE_GRAY), "png");
        assertTrue(wide.length < MAX_UPLOAD); // a flat image compresses to a small file
        refused(client.post("/api/images?name=wide.png", wide), 413, "too-many-pixels", "120000", "--max-pixels");
        refused(client.post("/api/images?example=nosuch", null), 400, "bad-parameter", "nosuch");
        // the server stays usable after refusals
        upload(TestClient.png8(200, 150, 0), "fine.png");
    }

    @Test
    void matchReturnsResultMetricsAndCurves() throws Exception {
        JsonNode src = upload(TestClient.png16(64, 48), "src.png");
        JsonNode ref = upload(TestClient.png8(80, 60, 100), "ref.png");
        HttpResponse<byte[]> r = client.form("/api/match", "source=" + src.get("id").asText() + "&reference="
            + ref.get("id").asText() + "&method=per-channel&space=rgb&strength=1&seed=7&wait=true");
        JsonNode job = TestClient.json(r);
        assertEquals(200, r.statusCode(), job::toString);
        assertEquals("done", job.get("state").asText(), job::toString);
        assertEquals(7, job.at("/options/seed").asLong());
        // the download keeps the source's size, format and 16-bit depth
        HttpResponse<byte[]> file = client.get(job.at("/result/download").asText());
        assertEquals(200, file.statusCode());
        assertEquals("image/png", file.headers().firstValue("Content-Type").orElse(""));
        assertTrue(file.headers().firstValue("Content-Disposition").orElse("").contains("src-matched.png"));
        BufferedImage out = TestClient.decode(file.body());
        assertEquals(64, out.getWidth());
        assertEquals(48, out.getHeight());
        assertEquals(16, out.getColorModel().getComponentSize(0));
        // matching to the reference brings the colours closer to it
        JsonNode m = job.get("metrics");
        assertTrue(m.get("distance").asDouble() < 0.5 * m.get("distanceBefore").asDouble(), m::toString);
        assertTrue(m.get("ssim").asDouble() > -1 && m.get("ssim").asDouble() <= 1, m::toString);
        // per-channel RGB transfer is a monotone map of each channel, so the mean result value
        // per source bin never decreases
        JsonNode c = job.get("curves");
        assertEquals(List.of("red", "green", "blue"), strings(c.get("channels")));
        for (JsonNode line : c.get("output")) {
            double last = -1;
            int points = 0;
            for (JsonNode v : line) {
                if (!v.isNull()) {
                    assertTrue(v.asDouble() >= last - 1e-9, line::toString); // exact monotone up to rounding of 1e-4
                    last = v.asDouble();
                    points++;
                }
            }
            assertTrue(points > 10, line::toString);
        }
        BufferedImage preview = TestClient.decode(client.get(job.at("/result/preview").asText()).body());
        assertEquals(64, preview.getWidth());
    }

    @Test
    void refusesBadMatchParameters() throws Exception {
        String s = upload(TestClient.png8(30, 20, 0), "a.png").get("id").asText();
        String r = upload(TestClient.png8(30, 20, 90), "b.png").get("id").asText();
        String ok = "source=" + s + "&reference=" + r;
        refused(client.form("/api/match", ok + "&strength=2"), 400, "bad-parameter", "strength", "[0, 1]");
        refused(client.form("/api/match", ok + "&strength=NaN"), 400, "bad-parameter", "strength");
        refused(client.form("/api/match", ok + "&strength=lots"), 400, "bad-parameter", "lots", "not a number");
        refused(client.form("/api/match", ok + "&method=magic"), 400, "bad-parameter", "magic", "per-channel");
        refused(client.form("/api/match", ok + "&space=cmyk"), 400, "bad-parameter", "cmyk", "lab");
        refused(client.form("/api/match", ok + "&seed=1.5"), 400, "bad-parameter", "seed");
        refused(client.form("/api/match", ok + "&regrain=maybe"), 400, "bad-parameter", "regrain");
        refused(client.form("/api/match", ok + "&strenght=1"), 400, "bad-parameter", "strenght");
        refused(client.form("/api/match", "source=" + s), 400, "bad-parameter", "reference", "required");
        refused(client.form("/api/match", ok.replace(r, "0123456789abcdef0123456789abcdef")), 404, "not-found",
            "reference");
        refused(client.get("/api/match"), 405, "method-not-allowed", "GET");
        refused(client.send("DELETE", "/", null, null), 405, "method-not-allowed");
    }

    @Test
    void pathsAndNamesNeverReachTheFileSystem() throws Exception {
        for (String p : List.of("/api/images/..%2F..%2F..%2Fetc%2Fpasswd", "/api/images/%2E%2E/preview",
            "/api/jobs/..%2F..%2Fpom.xml/result", "/api/examples/..%2FApi.class", "/api/examples/coffee.jpg",
            "/app.js%2F..%2F..%2Fpom.xml", "/io/redistributor/cli/serve/app.js", "/api/images/" + "a".repeat(32))) {
            refused(client.get(p), 404, "not-found");
        }
        assertTrue(raw("GET /../../../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
            + "\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 404"));
        // a name with directories is reduced to its last part; the file is never written under it
        JsonNode d = upload(TestClient.png8(20, 20, 0), "..%2F..%2Fescape.png");
        assertEquals("escape.png", d.get("name").asText());
        try (Stream<Path> s = Files.list(parent)) {
            assertEquals(List.of(server.tempDir()), s.collect(Collectors.toList()));
        }
        try (Stream<Path> s = Files.list(server.tempDir())) {
            for (Path f : s.collect(Collectors.toList())) {
                assertTrue(f.getFileName().toString().matches("[0-9a-f]{32}\\.(png|jpg|bmp|gif|tif)"), f::toString);
            }
        }
    }

    @Test
    void refusesOtherHostsAndCrossSiteChanges() throws Exception {
        String answer = raw("GET /api HTTP/1.1\r\nHost: attacker.example:" + server.port()
            + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(answer.contains("forbidden-host"), answer);
        HttpResponse<byte[]> r = client.send("POST", "/api/images?example=coffee", null, null);
        assertEquals(201, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        String origin = raw("POST /api/images?example=coffee HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
            + "\r\nOrigin: http://attacker.example\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertTrue(origin.startsWith("HTTP/1.1 403"), origin);
        assertTrue(origin.contains("forbidden-origin"), origin);
    }

    @Test
    void aNewMatchCancelsTheOneInFlightAndDeletingAJobDeletesItsFile() throws Exception {
        String s = TestClient.json(client.post("/api/images?example=astronaut", null)).get("id").asText();
        String r = TestClient.json(client.post("/api/images?example=rocket", null)).get("id").asText();
        // joint transfer with regrain on 256 × 256 pixels takes far longer than the next request,
        // so the first job is still queued or running when the second arrives
        JsonNode first = TestClient.json(client.form("/api/match", "source=" + s + "&reference=" + r
            + "&method=joint&regrain=true"));
        assertFalse(first.get("state").asText().equals("done"), first::toString);
        JsonNode second = TestClient.json(client.form("/api/match", "source=" + s + "&reference=" + r
            + "&method=reinhard&wait=true"));
        assertEquals("done", second.get("state").asText(), second::toString);
        JsonNode again = TestClient.json(client.get("/api/jobs/" + first.get("id").asText()));
        assertEquals("cancelled", again.get("state").asText(), again::toString);
        refused(client.get("/api/jobs/" + first.get("id").asText() + "/result"), 409, "not-done", "cancelled");

        String id = second.get("id").asText();
        Path file = server.tempDir().resolve(id + ".jpg");
        assertTrue(Files.exists(file), file::toString);
        assertEquals(204, client.send("DELETE", "/api/jobs/" + id, null, null).statusCode());
        assertFalse(Files.exists(file), file::toString);
        refused(client.get("/api/jobs/" + id), 404, "not-found");
    }

    @Test
    void closingTheServerDeletesItsTemporaryFolder() throws Exception {
        WebServer other = WebServer.start(ServerConfig.local(0).withTempParent(parent));
        Path dir = other.tempDir();
        try {
            TestClient c = new TestClient(other.uri());
            String s = TestClient.json(c.post("/api/images?example=coffee", null)).get("id").asText();
            String r = TestClient.json(c.post("/api/images?example=chelsea", null)).get("id").asText();
            JsonNode job = TestClient.json(c.form("/api/match", "source=" + s + "&reference=" + r
                + "&method=reinhard&wait=true"));
            assertEquals("done", job.get("state").asText(), job::toString);
            assertNotEquals(0, Files.list(dir).count());
        } finally {
            other.close();
        }
        assertFalse(Files.exists(dir), dir::toString);
        other.close(); // a second close does nothing
    }

    @Test
    void sizesAcceptUnitSuffixes() {
        assertEquals(512, ServeCommand.size("512"));
        assertEquals(3 * 1024, ServeCommand.size("3k"));
        assertEquals(64L << 20, ServeCommand.size("64M"));
        assertEquals(2L << 30, ServeCommand.size("2G"));
        for (String bad : List.of("0", "-5", "12X", "", "M", "99999999999G")) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServeCommand.size(bad));
            assertTrue(e.getMessage().contains("--max-upload"), e::getMessage);
        }
    }

    @Test
    void sniffsTheSignaturesOfTheReadableFormats() throws Exception {
        assertEquals("png", Uploads.sniff(TestClient.png8(4, 4, 0)));
        assertEquals("jpeg", Uploads.sniff(TestClient.encode(new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR), "jpeg")));
        assertEquals("bmp", Uploads.sniff(TestClient.encode(new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR), "bmp")));
        assertEquals("gif", Uploads.sniff(TestClient.encode(new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR), "gif")));
        assertEquals("tiff", Uploads.sniff(TestClient.encode(new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR), "tiff")));
        assertEquals(null, Uploads.sniff("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(null, Uploads.sniff(new byte[] {(byte) 0x89, 'P'}));
        assertArrayEquals(new String[] {"escape.png", "a_b.png", "image", "image"}, new String[] {
            Uploads.safeName("../../escape.png"), Uploads.safeName("C:\\x\\a b.png"), Uploads.safeName(".."),
            Uploads.safeName(null)});
    }

    /** Sends a raw HTTP request (to set headers java.net.http does not allow) and returns the answer. */
    private static String raw(String request) throws IOException {
        try (Socket s = new Socket(server.uri().getHost(), server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> l = new java.util.ArrayList<>();
        array.forEach(n -> l.add(n.asText()));
        return l;
    }
}
