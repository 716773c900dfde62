package io.redistributor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.image.Image;
import io.redistributor.image.ImageFiles;
import io.redistributor.image.ImageMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * match, mosaic and augment end to end on the bundled photos (examples/images), with the fast
 * per-channel and Reinhard methods to keep the suite quick.
 */
class ImageCommandsTest {
    @TempDir
    Path dir;

    static Path photos() {
        Path bundled = Path.of("").toAbsolutePath().getParent().resolve("examples/images");
        return Files.isDirectory(bundled) ? bundled : Run.shared().resolve("images");
    }

    @Test
    void matchMovesTheColoursTowardsTheReferenceAndKeepsTheFormat() throws IOException {
        Path src = photos().resolve("astronaut.png");
        Path ref = photos().resolve("coffee.png");
        Path out = dir.resolve("astronaut-as-coffee.png");
        Path sheet = dir.resolve("sheet.png");
        Run r = Run.of("match", src, ref, "-o", out, "--method", "per-channel", "--sheet", sheet);
        assertEquals(0, r.code(), r::toString);
        Image s = ImageFiles.read(src);
        Image res = ImageFiles.read(out);
        Image refImg = ImageFiles.read(ref);
        assertEquals(s.width(), res.width());
        assertEquals(s.height(), res.height());
        assertEquals(s.bitDepth(), res.bitDepth());
        // Independent check with the image module's metric: the result is closer to the reference's
        // colours than the source was.
        double before = java.util.Arrays.stream(ImageMetrics.channelWasserstein(s, refImg)).sum();
        double after = java.util.Arrays.stream(ImageMetrics.channelWasserstein(res, refImg)).sum();
        assertTrue(after < before / 2, before + " -> " + after);
        Image sh = ImageFiles.read(sheet);
        assertEquals(Math.min(512, Math.min(s.height(), refImg.height())), sh.height());
        assertEquals(List.of("astronaut-as-coffee.png", "sheet.png"), Run.files(dir));
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Path plain = Files.createFile(dir.resolve("plain"));
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out),
                "the output gets the permissions of any new file, not owner-only ones");
        }
    }

    @Test
    void batchSkipsABadFileCompletesTheOthersAndSaysSo() throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        // Quarter-size copies keep the metrics of --report quick.
        ImageFiles.write(ImageFiles.read(photos().resolve("chelsea.png")).downscale(4), in.resolve("chelsea.png"));
        ImageFiles.write(ImageFiles.read(photos().resolve("rocket.jpg")).downscale(4), in.resolve("rocket.jpg"));
        Files.write(in.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        Path outDir = dir.resolve("out");
        Run r = Run.of("match", in, "--reference", photos().resolve("coffee.png"), "-o", outDir,
            "--method", "reinhard", "--space", "lalphabeta", "--threads", "2", "--report");
        assertEquals(ExitCodes.PARTIAL, r.code(), r::toString);
        assertEquals(List.of("chelsea.png", "rocket.jpg"), Run.files(outDir));
        assertTrue(r.err().contains("broken.png"), r::toString);
        assertTrue(r.err().contains("1 of 3 images failed"), r::toString);
        assertEquals(2, r.out().lines().filter(l -> l.contains("SSIM=")).count(), r::toString);
        assertEquals("jpeg", ImageFiles.read(outDir.resolve("rocket.jpg")).format().toLowerCase());
    }

    @Test
    void unreadableImageIsADataErrorAndWritesNothing() throws IOException {
        Path bad = dir.resolve("bad.png");
        Files.writeString(bad, "not an image");
        Path out = dir.resolve("out.png");
        Run r = Run.of("match", bad, photos().resolve("coffee.png"), "-o", out, "--method", "per-channel");
        assertEquals(ExitCodes.DATA, r.code(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertTrue(r.err().contains("bad.png"), r::toString);
        assertEquals(List.of("bad.png"), Run.files(dir));
        Run missing = Run.of("match", dir.resolve("nope.png"), photos().resolve("coffee.png"), "-o", out);
        assertEquals(ExitCodes.IO, missing.code(), missing::toString);
        assertTrue(missing.err().contains("nope.png: no such file"), missing::toString);
    }

    @Test
    void badMethodNamesTheChoices() {
        Run r = Run.of("match", "a.png", "b.png", "-o", "c.png", "--method", "magic");
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertTrue(r.err().contains("per-channel, joint, reinhard, mkl"), r::toString);
    }

    @Test
    void mosaicAndAugmentWriteTheirImages() throws IOException {
        Path tiles = dir.resolve("tiles");
        Files.createDirectories(tiles);
        Image coffee = ImageFiles.read(photos().resolve("coffee.png")).downscale(8);
        Image chelsea = ImageFiles.read(photos().resolve("chelsea.png")).downscale(8);
        ImageFiles.write(coffee, tiles.resolve("coffee.png"));
        ImageFiles.write(chelsea, tiles.resolve("chelsea.png"));
        Path target = dir.resolve("target.png");
        ImageFiles.write(ImageFiles.read(photos().resolve("astronaut.png")).downscale(4), target);
        Path mosaic = dir.resolve("mosaic.png");
        Run m = Run.of("mosaic", target, tiles, "-o", mosaic, "--cell", "16", "--method", "reinhard");
        assertEquals(0, m.code(), m::toString);
        assertEquals(ImageFiles.read(target).width(), ImageFiles.read(mosaic).width());

        Path variants = dir.resolve("variants");
        Run a = Run.of("augment", target, "-n", "3", "-o", variants, "--seed", "5");
        assertEquals(0, a.code(), a::toString);
        assertEquals(List.of("target-1.png", "target-2.png", "target-3.png"), Run.files(variants));
        Path again = dir.resolve("again");
        assertEquals(0, Run.of("augment", target, "-n", "3", "-o", again, "--seed", "5").code());
        assertEquals(ImageFiles.read(variants.resolve("target-2.png")), ImageFiles.read(again.resolve("target-2.png")),
            "same seed, same variants");
        assertNotEquals(ImageFiles.read(variants.resolve("target-1.png")),
            ImageFiles.read(variants.resolve("target-2.png")));
    }
}
