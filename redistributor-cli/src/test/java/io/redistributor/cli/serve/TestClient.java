package io.redistributor.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redistributor.image.Image;
import io.redistributor.image.ImageFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.imageio.ImageIO;

/** A java.net.http client of a test server, with helpers to make small test images. */
final class TestClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    TestClient(URI base) {
        this.base = base;
    }

    HttpResponse<byte[]> send(String method, String path, byte[] body, String contentType) throws IOException,
        InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path.substring(1)))
            .timeout(Duration.ofSeconds(120))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    HttpResponse<byte[]> post(String path, byte[] body) throws IOException, InterruptedException {
        return send("POST", path, body, "application/octet-stream");
    }

    HttpResponse<byte[]> form(String path, String form) throws IOException, InterruptedException {
        return send("POST", path, form.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "application/x-www-form-urlencoded");
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** An 8-bit RGB PNG with smooth gradients whose colours depend on {@code tint}. */
    static byte[] png8(int w, int h, int tint) throws IOException {
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (x * 255 / (w - 1) + tint) % 256;
                int g = y * 255 / (h - 1);
                int b = ((x + y) * 127 / (w + h) + tint * 3) % 256;
                bi.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return encode(bi, "png");
    }

    /** A 16-bit RGB PNG with gradients. */
    static byte[] png16(int w, int h) throws IOException {
        short[][] planes = new short[3][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                planes[0][i] = (short) (x * 65535 / (w - 1));
                planes[1][i] = (short) (y * 65535 / (h - 1));
                planes[2][i] = (short) ((x * y * 7919) % 65536);
            }
        }
        return encode(ImageFiles.toBuffered(Image.of(w, h, 16, planes, null)), "png");
    }

    static byte[] encode(BufferedImage bi, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(bi, format, out)) {
            throw new IllegalStateException("no writer for " + format);
        }
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) throws IOException {
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            return ImageIO.read(in);
        }
    }
}
