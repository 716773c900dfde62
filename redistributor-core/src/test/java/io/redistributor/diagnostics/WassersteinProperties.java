package io.redistributor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/** The exact two-sample distance agrees with independent formulas in the quantile domain. */
class WassersteinProperties {

    /**
     * ∫₀¹ |F⁻¹(u) − G⁻¹(u)| du over the merged breakpoints k/n and l/m, compared as exact
     * fractions k·m versus l·n (an algorithm independent of the merge over values in the library).
     */
    static double quantileDomain(double[] x, double[] y) {
        double[] a = x.clone();
        double[] b = y.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        long n = a.length;
        long m = b.length;
        long k = 0;
        long l = 0;
        long prev = 0; // current breakpoint as a multiple of 1 / (n m)
        double sum = 0;
        while (k < n && l < m) {
            long nextX = (k + 1) * m;
            long nextY = (l + 1) * n;
            long next = Math.min(nextX, nextY);
            sum += Math.abs(a[(int) k] - b[(int) l]) * (next - prev);
            if (next == nextX) {
                k++;
            }
            if (next == nextY) {
                l++;
            }
            prev = next;
        }
        return sum / ((double) n * m);
    }

    @Property(tries = 200)
    void agreesWithTheQuantileDomainFormula(
        @ForAll @Size(min = 1, max = 40) double[] rawX, @ForAll @Size(min = 1, max = 30) double[] rawY) {
        double[] x = Arrays.stream(rawX).map(v -> Math.rint(v) % 1000).toArray();
        double[] y = Arrays.stream(rawY).map(v -> Math.rint(v) % 1000).toArray();
        double expected = quantileDomain(x, y);
        // both add at most 70 terms, each exact up to one rounding of a product of numbers below
        // 2000 * 1200: 1e-12 relative covers the summation error of either.
        assertEquals(expected, Wasserstein.distance(x, y), 1e-12 * expected + 1e-12);
    }

    @Property(tries = 100)
    void equalSizesAreTheMeanGapOfOrderStatistics(@ForAll @Size(min = 1, max = 50) double[] raw,
                                                   @ForAll @DoubleRange(min = -5, max = 5) double shift) {
        double[] x = Arrays.stream(raw).map(v -> v % 100).toArray();
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[(i * 7 + 3) % x.length] * 0.5 + shift + i % 3;
        }
        double[] a = x.clone();
        double[] b = y.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        double mean = 0;
        for (int i = 0; i < a.length; i++) {
            mean += Math.abs(a[i] - b[i]);
        }
        mean /= a.length;
        // values below 110 in magnitude, at most 50 terms: roundings below 1e-12 in total
        assertEquals(mean, Wasserstein.distance(x, y), 1e-12);
    }
}
