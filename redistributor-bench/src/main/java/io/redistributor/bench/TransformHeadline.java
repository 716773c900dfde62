package io.redistributor.bench;

import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
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
 * Exact transform of lognormal samples to N(0, 1): the learned cdf (5000 lattice points) then the
 * full-precision normal quantile of every value, in double and in float.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
@State(Scope.Benchmark)
public class TransformHeadline {

    /** Number of values transformed. */
    @Param({"100000000"})
    public int n;

    private double[] x;
    private double[] out;
    private float[] xf;
    private float[] outf;
    private Redistributor r;

    /** Draws the samples and fits the source once per trial. */
    @Setup(Level.Trial)
    public void data() {
        x = Samples.lognormal(n);
        xf = Samples.toFloat(x);
        out = new double[n];
        outf = new float[n];
        LearnedDistribution source = LearnedDistribution.fitter().withBins(Math.min(n, 5000)).fit(x);
        r = Redistributor.of(source, ParametricDistribution.standardNormal());
    }

    /**
     * Transforms n doubles into a preallocated array.
     *
     * @return the output
     */
    @Benchmark
    public double[] transformDouble() {
        r.transform(x, 0, out, 0, n);
        return out;
    }

    /**
     * Transforms n floats into a preallocated array.
     *
     * @return the output
     */
    @Benchmark
    public float[] transformFloat() {
        r.transform(xf, 0, outf, 0, n);
        return outf;
    }
}
