package io.redistributor.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the comparison table and pictures of docs/images.md. Off by default; run with
 * {@code -Dredistributor.docs=true -Dtest=DocFiguresTest}. It checks that every picture it writes
 * reads back at the size it was drawn.
 */
@EnabledIfSystemProperty(named = "redistributor.docs", matches = "true")
class DocFiguresTest {

    private static final Path OUT = Path.of("..", "docs", "img");
    private static final String[][] PAIRS = {
        {"astronaut.png", "coffee.png"}, {"coffee.png", "chelsea.png"}, {"chelsea.png", "rocket.jpg"},
        {"rocket.jpg", "astronaut.png"}};
    private static final int FACTOR = 2;

    @Test
    void comparisonTableAndPictures() throws IOException {
        Files.createDirectories(OUT);
        List<String> rows = new ArrayList<>();
        rows.add("| method | space | regrain | sliced W1 to reference (CIELAB) | SSIM of luminance to source |");
        rows.add("| --- | --- | --- | ---: | ---: |");
        for (Method m : Method.values()) {
            for (Space s : Space.values()) {
                for (boolean regrain : new boolean[] {false, true}) {
                    if (regrain && m != Method.JOINT && m != Method.PER_CHANNEL) {
                        continue;
                    }
                    TransferOptions o = TransferOptions.defaults().withMethod(m).withSpace(s).withRegrain(regrain);
                    double sw = 0;
                    double ssim = 0;
                    for (String[] pair : PAIRS) {
                        Image src = Photos.read(pair[0], FACTOR);
                        Image ref = Photos.read(pair[1], FACTOR);
                        Image out = ColorTransfer.match(src, ref, o);
                        sw += ImageMetrics.slicedWasserstein(out, ref, ImageMetrics.DEFAULT_DIRECTIONS, 1);
                        ssim += ImageMetrics.ssimLuminance(out, src);
                    }
                    rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.3f |", m, s, regrain ? "yes" : "no",
                        sw / PAIRS.length, ssim / PAIRS.length));
                }
            }
        }
        double sw = 0;
        for (String[] pair : PAIRS) {
            Image src = Photos.read(pair[0], FACTOR);
            sw += ImageMetrics.slicedWasserstein(src, Photos.read(pair[1], FACTOR), ImageMetrics.DEFAULT_DIRECTIONS, 1);
        }
        rows.add(String.format(Locale.ROOT, "| (source unchanged) | | | %.2f | 1.000 |", sw / PAIRS.length));
        Files.write(Path.of("target", "comparison-table.md"), rows);
        rows.forEach(System.out::println);

        for (int k = 0; k < 2; k++) {
            String[] pair = PAIRS[k];
            Image src = Photos.read(pair[0], 4);
            Image ref = Photos.read(pair[1], 4);
            TransferOptions d = TransferOptions.defaults();
            List<Image> panels = List.of(src, ref,
                ColorTransfer.match(src, ref, d.withMethod(Method.PER_CHANNEL).withSpace(Space.RGB)),
                ColorTransfer.match(src, ref, d.withMethod(Method.REINHARD).withSpace(Space.LALPHABETA)),
                ColorTransfer.match(src, ref, d.withMethod(Method.MKL).withSpace(Space.RGB)),
                ColorTransfer.match(src, ref, d),
                ColorTransfer.match(src, ref, d.withRegrain(true)));
            List<String> labels = List.of("source", "reference", "per-channel RGB", "Reinhard lab",
                "MKL RGB", "default", "default + regrain");
            Path file = OUT.resolve("transfer-" + (k + 1) + ".jpg");
            BufferedImage montage = montage(panels, labels, 128);
            ImageFiles.write(ImageFiles.fromBuffered(montage, null, file), file,
                ImageFiles.WriteOptions.DEFAULT.withJpegQuality(0.85f));
            assertEquals(montage.getWidth(), ImageFiles.read(file).width());
        }
        Image target = Photos.read("chelsea.png", 1);
        List<Image> tiles = new ArrayList<>();
        for (String name : new String[] {"astronaut.png", "coffee.png", "rocket.jpg"}) {
            tiles.add(Photos.read(name, 4));
        }
        Image mosaic = Photomosaic.build(target, tiles, 12,
            TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.RGB));
        Path file = OUT.resolve("mosaic.jpg");
        BufferedImage m = montage(List.of(target, mosaic), List.of("target", "mosaic of 3 photos, 12 px cells"), 240);
        ImageFiles.write(ImageFiles.fromBuffered(m, null, file), file, ImageFiles.WriteOptions.DEFAULT.withJpegQuality(0.85f));
        assertEquals(m.getWidth(), ImageFiles.read(file).width());
    }

    /** Panels scaled to a common height, side by side, each with a caption below. */
    private static BufferedImage montage(List<Image> panels, List<String> labels, int height) {
        int caption = 16;
        int width = 0;
        for (Image p : panels) {
            width += Math.round((float) p.width() * height / p.height()) + 4;
        }
        BufferedImage out = new BufferedImage(width, height + caption, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height + caption);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int x = 0;
        for (int i = 0; i < panels.size(); i++) {
            Image p = panels.get(i);
            int w = Math.round((float) p.width() * height / p.height());
            g.drawImage(ImageFiles.toBuffered(p), x, 0, w, height, null);
            g.setColor(Color.BLACK);
            g.drawString(labels.get(i), x + 2, height + 12);
            x += w + 4;
        }
        g.dispose();
        return out;
    }
}
