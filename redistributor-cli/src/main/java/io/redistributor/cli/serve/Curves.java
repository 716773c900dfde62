package io.redistributor.cli.serve;

import io.redistributor.image.Image;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The observed per-channel transfer curves of a result, for the page's plot: for each channel and
 * each of {@link #BINS} equal bins of the source's value, the mean result value of the pixels
 * whose source value falls in the bin. Both axes are on [0, 1]. A bin without pixels has no point
 * (null). Joint, Reinhard and MKL transfers mix channels, so their curves are averages over the
 * other channels' values; per-channel RGB transfer gives the exact monotone map.
 */
final class Curves {
    /** Bins of the source value. */
    static final int BINS = 64;
    /** Most pixels visited (an even stride thins larger images). */
    static final int SAMPLE = 1 << 20;

    private Curves() {
    }

    /**
     * The curves as a JSON-ready map: {@code channels} (names), {@code input} (bin centres) and
     * {@code output} (one list per channel, null for empty bins).
     *
     * @param source the source
     * @param result the result, of the source's size, depth and channels
     * @return the map
     */
    static Map<String, Object> of(Image source, Image result) {
        int channels = source.channels();
        double max = source.maxValue();
        int n = source.pixels();
        int stride = Math.max(1, (n + SAMPLE - 1) / SAMPLE);
        List<List<Double>> output = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            int[] s = source.plane(c);
            int[] r = result.plane(c);
            double[] sum = new double[BINS];
            long[] count = new long[BINS];
            for (int i = 0; i < n; i += stride) {
                int b = (int) Math.min(BINS - 1, (long) s[i] * BINS / (source.maxValue() + 1L));
                sum[b] += r[i];
                count[b]++;
            }
            List<Double> line = new ArrayList<>(BINS);
            for (int b = 0; b < BINS; b++) {
                line.add(count[b] == 0 ? null : round(sum[b] / count[b] / max));
            }
            output.add(line);
        }
        List<Double> input = new ArrayList<>(BINS);
        for (int b = 0; b < BINS; b++) {
            input.add(round((b + 0.5) / BINS));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channels", channels == 1 ? List.of("grey") : List.of("red", "green", "blue"));
        m.put("input", input);
        m.put("output", output);
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
