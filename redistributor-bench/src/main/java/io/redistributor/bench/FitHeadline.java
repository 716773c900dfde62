package io.redistributor.bench;

import io.redistributor.LearnedDistribution;
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
 * Exact fit of a learned distribution (5000 lattice points) to lognormal samples, against the
 * memory floor of copying the input once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@State(Scope.Benchmark)
public class FitHeadline {

    /** Number of samples. */
    @Param({"100000000", "10000000"})
    public int n;

    /** Number of lattice points. */
    @Param({"5000"})
    public int bins;

    private double[] x;
    private LearnedDistribution.Fitter fitter;

    /** Draws the samples once per trial. */
    @Setup(Level.Trial)
    public void data() {
        x = Samples.lognormal(n);
        fitter = LearnedDistribution.fitter().withBins(bins);
    }

    /** A copy of the samples that the in-place fit may reorder, restored before each call. */
    @State(Scope.Thread)
    public static class Scratch {
        double[] values;

        /**
         * Restores the copy (not timed).
         *
         * @param fit the benchmark state holding the samples
         */
        @Setup(Level.Invocation)
        public void restore(FitHeadline fit) {
            if (values == null || values.length != fit.n) {
                values = new double[fit.n];
            }
            System.arraycopy(fit.x, 0, values, 0, fit.n);
        }
    }

    /**
     * The memory floor: one plain copy of the input.
     *
     * @return the copy
     */
    @Benchmark
    public double[] baselineCopy() {
        return x.clone();
    }

    /**
     * Default fit: the caller's array is left unchanged.
     *
     * @return the fit
     */
    @Benchmark
    public LearnedDistribution fit() {
        return fitter.fit(x);
    }

    /**
     * In-place fit: the array may be reordered.
     *
     * @param scratch the copy to fit
     * @return the fit
     */
    @Benchmark
    public LearnedDistribution fitInPlace(Scratch scratch) {
        return fitter.withInPlace(true).fit(scratch.values);
    }
}
