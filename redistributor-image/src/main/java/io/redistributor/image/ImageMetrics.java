package io.redistributor.image;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Quality measures of a colour transfer: how close the result's colours are to the reference
 * (Wasserstein distances in CIELAB) and how much of the source's content is kept (SSIM of the
 * luminance).
 *
 * <p>Wasserstein-1 distances between two empirical distributions are computed as the mean
 * absolute difference of their quantiles at {@value #QUANTILES} evenly spaced probabilities
 * (k + 0.5) / {@value #QUANTILES}, each quantile an exact order statistic (nearest rank). Images
 * larger than {@value #SAMPLE} pixels are thinned to that many by an even stride first. Units are
 * CIELAB units (L* from 0 to 100). Grey images are compared in L* alone.
 */
public final class ImageMetrics {

    /** Quantiles compared per 1-D distance. */
    public static final int QUANTILES = 1000;
    /** Most pixels per image used by the distances. */
    public static final int SAMPLE = 1 << 18;
    /** Directions of the sliced distance by default. */
    public static final int DEFAULT_DIRECTIONS = 64;

    private ImageMetrics() {
    }

    /**
     * The three measures together.
     *
     * @param channelWasserstein W1 per CIELAB channel (L*, a*, b*) from result to reference
     * @param slicedWasserstein sliced W1 of the 3-D CIELAB distributions, result to reference
     * @param ssim mean SSIM of the result's luminance to the source's
     */
    public record Quality(double[] channelWasserstein, double slicedWasserstein, double ssim) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "W1(L,a,b)=(%.3f, %.3f, %.3f) SW=%.3f SSIM=%.4f",
                channelWasserstein[0], channelWasserstein.length > 1 ? channelWasserstein[1] : 0,
                channelWasserstein.length > 2 ? channelWasserstein[2] : 0, slicedWasserstein, ssim);
        }
    }

    /**
     * Measures a transfer result.
     *
     * @param result the output of the transfer
     * @param source the input (for SSIM; same size as the result)
     * @param reference the reference
     * @param seed seed of the sliced distance's directions
     * @return the measures
     */
    public static Quality assess(Image result, Image source, Image reference, long seed) {
        return new Quality(channelWasserstein(result, reference), slicedWasserstein(result, reference,
            DEFAULT_DIRECTIONS, seed), ssimLuminance(result, source));
    }

    /**
     * W1 distance per CIELAB channel between the pixel colours of two images (of any sizes).
     *
     * @param a first image
     * @param b second image
     * @return L*, a*, b* distances (only L* when either image is grey)
     */
    public static double[] channelWasserstein(Image a, Image b) {
        ColorTransfer.notNull(a, "a");
        ColorTransfer.notNull(b, "b");
        float[][] pa = lab(a, b);
        float[][] pb = lab(b, a);
        double[] w = new double[pa.length];
        for (int c = 0; c < w.length; c++) {
            w[c] = wasserstein(pa[c].clone(), pb[c].clone());
        }
        return w;
    }

    /**
     * Sliced W1 distance between the CIELAB colour distributions: the mean over seeded uniformly
     * random unit directions of the W1 distance of the projections.
     *
     * @param a first image
     * @param b second image
     * @param directions number of directions, at least 1
     * @param seed the seed of the directions
     * @return the distance in CIELAB units
     * @throws IllegalArgumentException if directions is below 1
     */
    public static double slicedWasserstein(Image a, Image b, int directions, long seed) {
        ColorTransfer.notNull(a, "a");
        ColorTransfer.notNull(b, "b");
        if (directions < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "directions (%d) must be >= 1", directions));
        }
        float[][] pa = lab(a, b);
        float[][] pb = lab(b, a);
        if (pa.length == 1) {
            return wasserstein(pa[0].clone(), pb[0].clone());
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        float[] qa = new float[pa[0].length];
        float[] qb = new float[pb[0].length];
        double sum = 0;
        for (int d = 0; d < directions; d++) {
            double z = 2 * rng.nextDouble() - 1;
            double t = 2 * Math.PI * rng.nextDouble();
            double r = Math.sqrt(1 - z * z);
            double[] u = {r * Math.cos(t), r * Math.sin(t), z};
            project(pa, u, qa);
            project(pb, u, qb);
            sum += wasserstein(qa, qb);
        }
        return sum / directions;
    }

    private static void project(float[][] p, double[] u, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (u[0] * p[0][i] + u[1] * p[1][i] + u[2] * p[2][i]);
        }
    }

    /** CIELAB of an image (only L* if it or the other is grey), thinned to {@link #SAMPLE} pixels. */
    private static float[][] lab(Image img, Image other) {
        float[][] p;
        if (img.isGrey() || other.isGrey()) {
            p = new float[][] {Colour.forward(img.toRgb(), Space.LAB, null)[0]};
        } else {
            p = Colour.forward(img, Space.LAB, null);
        }
        return JointTransfer.subsample(p, SAMPLE);
    }

    /** W1 of two samples by quantile matching; reorders nothing it does not own. */
    static double wasserstein(float[] a, float[] b) {
        long[] ra = ranks(a.length);
        long[] rb = ranks(b.length);
        double[] qa = OrderStatistics.select(a, ra);
        double[] qb = OrderStatistics.select(b, rb);
        double s = 0;
        for (int k = 0; k < QUANTILES; k++) {
            s += Math.abs(qa[k] - qb[k]);
        }
        return s / QUANTILES;
    }

    private static long[] ranks(int n) {
        long[] r = new long[QUANTILES];
        for (int k = 0; k < QUANTILES; k++) {
            r[k] = Math.min(n - 1, (long) Math.floor((k + 0.5) / QUANTILES * n));
        }
        return r;
    }

    /**
     * Mean structural similarity (Wang et al. 2004) of the Rec. 709 luma of two images of the same
     * size, on the [0, 1] scale: Gaussian window σ = 1.5 truncated at radius 5, K1 = 0.01,
     * K2 = 0.03, borders clamped. 1 means identical luminance.
     *
     * @param a first image
     * @param b second image, same size
     * @return the mean SSIM in [-1, 1]
     * @throws IllegalArgumentException if the sizes differ
     */
    public static double ssimLuminance(Image a, Image b) {
        ColorTransfer.notNull(a, "a");
        ColorTransfer.notNull(b, "b");
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "images must have the same size (%d x %d vs %d x %d)", a.width(), a.height(), b.width(), b.height()));
        }
        int w = a.width();
        int h = a.height();
        float[] x = Colour.luma(a);
        float[] y = Colour.luma(b);
        int n = w * h;
        float[] xx = new float[n];
        float[] yy = new float[n];
        float[] xy = new float[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        float[] mx = blur(x, w, h);
        float[] my = blur(y, w, h);
        float[] sxx = blur(xx, w, h);
        float[] syy = blur(yy, w, h);
        float[] sxy = blur(xy, w, h);
        double c1 = 0.01 * 0.01;
        double c2 = 0.03 * 0.03;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double ux = mx[i];
            double uy = my[i];
            double vx = sxx[i] - ux * ux;
            double vy = syy[i] - uy * uy;
            double cxy = sxy[i] - ux * uy;
            sum += (2 * ux * uy + c1) * (2 * cxy + c2) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
        }
        return sum / n;
    }

    private static float[] blur(float[] p, int w, int h) {
        int r = 5;
        double[] k = new double[2 * r + 1];
        double total = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = Math.exp(-i * i / (2 * 1.5 * 1.5));
            total += k[i + r];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= total;
        }
        float[] tmp = new float[p.length];
        float[] out = new float[p.length];
        Parallel.forRows(h, w, (y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int i = -r; i <= r; i++) {
                        s += k[i + r] * p[y * w + Math.min(w - 1, Math.max(0, x + i))];
                    }
                    tmp[y * w + x] = (float) s;
                }
            }
        });
        Parallel.forRows(h, w, (y0, y1) -> {
            for (int y = y0; y < y1; y++) {
                for (int x = 0; x < w; x++) {
                    double s = 0;
                    for (int i = -r; i <= r; i++) {
                        s += k[i + r] * tmp[Math.min(h - 1, Math.max(0, y + i)) * w + x];
                    }
                    out[y * w + x] = (float) s;
                }
            }
        });
        return out;
    }
}
