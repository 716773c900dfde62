package io.redistributor.bench;

import io.redistributor.KernelDensity;
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

/** Kernel density fit (Scott's bandwidth) of lognormal samples on a grid. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class KdeHeadline {

    /** Number of samples. */
    @Param({"1000000"})
    public int n;

    /** Number of grid points. */
    @Param({"5000"})
    public int grid;

    private double[] x;
    private KernelDensity.Fitter fitter;

    /** Draws the samples once per trial. */
    @Setup(Level.Trial)
    public void data() {
        x = Samples.lognormal(n);
        fitter = KernelDensity.fitter().withGridDensity(grid);
    }

    /**
     * Fits the kernel density.
     *
     * @return the fit
     */
    @Benchmark
    public KernelDensity fit() {
        return fitter.fit(x);
    }
}
