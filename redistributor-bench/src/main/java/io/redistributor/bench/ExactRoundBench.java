package io.redistributor.bench;

import io.redistributor.LearnedDistribution;
import io.redistributor.stream.ExactPartial;
import io.redistributor.stream.ExactPlan;
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
 * The rounds of the streaming exact fit (bins 5000) over one partition of lognormal samples, as
 * the command line runs them over a column's binary copy: the first counting round (2^16 cells
 * by the top key bits), the second (2^19 counters in the brackets of the lattice ranks, found by
 * 16-bit prefix) and the collecting round. Each call makes a fresh partial, as a pass does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class ExactRoundBench {

    /** Number of samples. */
    @Param({"10000000"})
    public int n;

    private double[] x;
    private ExactPlan first;
    private ExactPlan second;
    private ExactPlan collect;

    /** Draws the samples and plans the rounds once per trial (as the command line does, 2^19 counters). */
    @Setup(Level.Trial)
    public void data() {
        x = Samples.lognormal(n);
        first = ExactPlan.start(LearnedDistribution.fitter().withBins(5000), 1 << 20, 1 << 19);
        second = first.next(first.newPartial().accept(x));
        collect = second.next(second.newPartial().accept(x));
        if (!collect.collectsValues()) {
            throw new IllegalStateException("expected a collecting third round: " + collect);
        }
    }

    /**
     * The first counting round.
     *
     * @return the partial
     */
    @Benchmark
    public ExactPartial firstCount() {
        return first.newPartial().accept(x);
    }

    /**
     * The second counting round, in the brackets of the lattice ranks.
     *
     * @return the partial
     */
    @Benchmark
    public ExactPartial secondCount() {
        return second.newPartial().accept(x);
    }

    /**
     * The collecting round.
     *
     * @return the partial
     */
    @Benchmark
    public ExactPartial collect() {
        return collect.newPartial().accept(x);
    }
}
