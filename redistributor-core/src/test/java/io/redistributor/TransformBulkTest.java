package io.redistributor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * The parallel bulk transform (table-driven learned cdf, batched normal quantile) must give, value
 * for value and bit for bit, the scalar transform, whatever the number of threads.
 */
class TransformBulkTest {

    @Test
    void bulkEqualsScalarForAnyThreadCount() throws Exception {
        int n = 3 * Redistributor.PARALLEL_THRESHOLD + 12345;
        double[] x = ParametricDistribution.of("lognormal", 0, 1).sample(n, 8);
        Redistributor r = Redistributor.of(LearnedDistribution.fit(x), ParametricDistribution.normal(1, 2));
        double[] queries = ParametricDistribution.of("lognormal", 0, 1.2).sample(n, 9);
        queries[5] = Double.NaN;
        queries[6] = Double.POSITIVE_INFINITY;
        queries[7] = 0;
        double[] common = r.transform(queries);
        ForkJoinPool single = new ForkJoinPool(1);
        double[] one;
        try {
            one = single.submit(() -> r.transform(queries)).get();
        } finally {
            single.shutdown();
        }
        float[] qf = new float[n];
        for (int i = 0; i < n; i++) {
            qf[i] = (float) queries[i];
        }
        float[] outF = new float[n];
        r.transform(qf, 0, outF, 0, n);
        for (int i = 0; i < n; i++) {
            double expected = r.transform(queries[i]);
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(common[i]), "at " + queries[i]);
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(one[i]), "one thread at " + queries[i]);
            assertEquals(Float.floatToIntBits((float) r.transform((double) qf[i])), Float.floatToIntBits(outF[i]),
                "float at " + qf[i]);
        }
    }
}
