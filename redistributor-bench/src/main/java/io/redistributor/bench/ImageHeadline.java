package io.redistributor.bench;

import io.redistributor.image.ColorTransfer;
import io.redistributor.image.Image;
import io.redistributor.image.Method;
import io.redistributor.image.Space;
import io.redistributor.image.TransferOptions;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Colour transfer of a 24-megapixel 8-bit RGB image (6000 × 4000) in memory, decoding excluded:
 * per-channel matching in RGB and in CIELAB, the joint transfer with default options, and
 * per-channel RGB followed by regrain (subtract {@link #perChannelRgb} for regrain alone). The
 * images are smooth random colour fields with noise, so that every channel has a spread and
 * structure for regrain to work on; the reference is 1500 × 1000.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 2, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@State(Scope.Benchmark)
public class ImageHeadline {

    /** Source width; the height is two thirds of it. */
    @Param({"6000"})
    public int width;

    private Image source;
    private Image reference;

    /** Builds the images once per trial. */
    @Setup(Level.Trial)
    public void data() {
        source = field(width, width * 2 / 3, 1);
        reference = field(1500, 1000, 2);
    }

    private static Image field(int w, int h, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        short[][] planes = new short[3][w * h];
        for (int c = 0; c < 3; c++) {
            double fx = 2 + 6 * rng.nextDouble();
            double fy = 2 + 6 * rng.nextDouble();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.5 + 0.3 * Math.sin(fx * x / w * Math.PI) * Math.cos(fy * y / h * Math.PI)
                        + 0.1 * (rng.nextDouble() - 0.5);
                    planes[c][y * w + x] = (short) Math.max(0, Math.min(255, Math.round(v * 255)));
                }
            }
        }
        return Image.of(w, h, 8, planes, null);
    }

    /**
     * Per-channel matching in RGB (lookup tables from exact histograms).
     *
     * @return the result
     */
    @Benchmark
    public Image perChannelRgb() {
        return ColorTransfer.match(source, reference,
            TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.RGB));
    }

    /**
     * Per-channel matching in CIELAB.
     *
     * @return the result
     */
    @Benchmark
    public Image perChannelLab() {
        return ColorTransfer.match(source, reference,
            TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.LAB));
    }

    /**
     * The joint transfer with default options.
     *
     * @return the result
     */
    @Benchmark
    public Image jointDefaults() {
        return ColorTransfer.match(source, reference, TransferOptions.defaults());
    }

    /**
     * Per-channel RGB matching followed by regrain.
     *
     * @return the result
     */
    @Benchmark
    public Image perChannelRgbRegrain() {
        return ColorTransfer.match(source, reference,
            TransferOptions.defaults().withMethod(Method.PER_CHANNEL).withSpace(Space.RGB).withRegrain(true));
    }
}
