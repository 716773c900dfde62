package io.redistributor.bench;

import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import java.util.concurrent.TimeUnit;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two halves of the transform on one thread, per value: the learned bulk cdf, the normal bulk
 * quantile (grid table and Taylor series, AS 241 in the far tails), each also on floats, both
 * together as the transform does them, and Commons Statistics' normal quantile for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class KernelBench {

    /** Values per call of {@link #transformOneThread}: below Redistributor.PARALLEL_THRESHOLD. */
    private static final int RANGE = 1 << 15;

    /** Values per call (the score is per call; divide by n for per value). */
    @Param({"1000000"})
    public int n;

    /**
     * The source data: lognormal (skewed, positive) or normal (both sides of zero, whose lattice
     * spans many binades near zero).
     */
    @Param({"lognormal", "normal"})
    public String data;

    private double[] x;
    private double[] p;
    private double[] out;
    private float[] xf;
    private float[] pf;
    private float[] outF;
    private LearnedDistribution learned;
    private Redistributor transform;
    private final ParametricDistribution normal = ParametricDistribution.standardNormal();
    private final NormalDistribution commons = NormalDistribution.of(0, 1);

    /** Draws the values and their probabilities. */
    @Setup
    public void draw() {
        x = data.equals("normal") ? Samples.normal(n) : Samples.lognormal(n);
        out = new double[n];
        learned = LearnedDistribution.fitter().withBins(Math.min(n, 5000)).fit(x);
        p = learned.cdf(x);
        transform = Redistributor.of(learned, normal);
        xf = new float[n];
        pf = new float[n];
        outF = new float[n];
        for (int i = 0; i < n; i++) {
            xf[i] = (float) x[i];
            pf[i] = (float) p[i];
        }
    }

    /**
     * Learned bulk cdf.
     *
     * @return the output
     */
    @Benchmark
    public double[] learnedCdf() {
        learned.cdf(x, 0, out, 0, n);
        return out;
    }

    /**
     * Learned bulk cdf of floats (computed in double, rounded to float).
     *
     * @return the output
     */
    @Benchmark
    public float[] learnedCdfFloat() {
        learned.cdf(xf, 0, outF, 0, n);
        return outF;
    }

    /**
     * Normal bulk quantile of float probabilities.
     *
     * @return the output
     */
    @Benchmark
    public float[] normalQuantileFloat() {
        normal.quantile(pf, 0, outF, 0, n);
        return outF;
    }

    /**
     * Normal bulk quantile.
     *
     * @return the output
     */
    @Benchmark
    public double[] normalQuantile() {
        normal.quantile(p, 0, out, 0, n);
        return out;
    }

    /**
     * The whole transform on one thread: ranges of {@value #RANGE} values, below the parallel
     * threshold, each evaluated as the parallel path evaluates one block. Compared with the
     * two-thread {@code TransformHeadline}, this separates the per-core cost from the scaling.
     *
     * @return the output
     */
    @Benchmark
    public double[] transformOneThread() {
        for (int start = 0; start < n; start += RANGE) {
            transform.transform(x, start, out, start, Math.min(RANGE, n - start));
        }
        return out;
    }

    /**
     * Commons Statistics' normal quantile, value by value.
     *
     * @return the output
     */
    @Benchmark
    public double[] commonsNormalQuantile() {
        for (int i = 0; i < n; i++) {
            out[i] = commons.inverseCumulativeProbability(p[i]);
        }
        return out;
    }
}
