package io.redistributor.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.TiePolicy;
import io.redistributor.stream.SketchFit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Distributed fits against the core's in-memory fit of the same values. */
class SparkFitTest {

    /** Heavy-tailed values with ties (rounded to 1/8), both signs, both zeros. */
    private static double[] data(int n, long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.rint(8 * rnd.nextGaussian() * Math.exp(rnd.nextGaussian())) / 8;
        }
        x[0] = -0.0;
        x[1] = 0.0;
        return x;
    }

    /** One big partition, three tiny ones and two empty ones. */
    private static Dataset<Row> skewed(double[] a, double[] b) {
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            rows.add(RowFactory.create(a[i], b[i]));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        int big = a.length - 30;
        var first = jsc.parallelize(rows.subList(0, big), 1);
        var rest = jsc.parallelize(rows.subList(big, rows.size()), 3);
        var empty = jsc.parallelize(Collections.<Row>emptyList(), 2);
        Dataset<Row> df = SparkTestSession.get().createDataFrame(first.union(empty).union(rest), schema);
        assertEquals(6, df.javaRDD().getNumPartitions());
        return df;
    }

    /**
     * Same lattice as the in-memory fit: equal probabilities, count, bounds and ties, and values
     * equal as numbers. Numeric (not bitwise) equality because data with both -0.0 and 0.0 may
     * place either zero at a lattice point: the in-memory selection does not order the two zeros,
     * the mergeable fit sorts -0.0 first; both are the order statistic 0.
     */
    private static void assertSameLattice(LearnedDistribution expected, LearnedDistribution actual) {
        assertEquals(expected.count(), actual.count());
        assertEquals(expected.ties(), actual.ties());
        assertEquals(expected.boundedBelow(), actual.boundedBelow());
        assertEquals(expected.boundedAbove(), actual.boundedAbove());
        assertTrue(Arrays.equals(expected.probabilities(), actual.probabilities()));
        double[] e = expected.values();
        double[] a = actual.values();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertTrue(e[i] == a[i], "lattice value " + i + ": expected " + e[i] + " but was " + a[i]);
        }
    }

    private static LearnedDistribution source(RedistributorModel m, int column) {
        return (LearnedDistribution) m.redistributors().get(column).source();
    }

    @Test
    void exactFitEqualsTheInMemoryFitForEvenAndSkewedPartitions() {
        double[] a = data(20_000, 1);
        double[] b = data(20_000, 2);
        for (int j = 0; j < b.length; j++) {
            b[j] = Math.abs(b[j]) * 1e6 + 3;
        }
        Dataset<Row> even = SparkTestSession.doubles(new String[] {"a", "b"}, 4, SparkTestSession.boxed(a),
            SparkTestSession.boxed(b));
        for (Dataset<Row> df : List.of(even, skewed(a, b))) {
            RedistributorModel m = new RedistributorEstimator().setInputCols("a", "b").setNumBins(700).fit(df);
            assertSameLattice(LearnedDistribution.fitter().withBins(700).fit(a), source(m, 0));
            assertSameLattice(LearnedDistribution.fitter().withBins(700).fit(b), source(m, 1));
        }
    }

    @Test
    void defaultBinsAndOptionsFollowTheCore() {
        double[] a = data(1200, 3);
        double[] b = data(1200, 4);
        Dataset<Row> df = skewed(a, b);
        RedistributorModel m = new RedistributorEstimator().setInputCols("a", "b").fit(df);
        // The default 5000 becomes min(n, 5000) = 1200 as in LearnedDistribution.fit.
        assertSameLattice(LearnedDistribution.fit(a), source(m, 0));
        RedistributorModel bounded = new RedistributorEstimator().setInputCols("a").setNumBins(40).setLower(-1e9)
            .setUpper(1e9).setTies("jitter").setSeed(9).fit(df);
        assertSameLattice(LearnedDistribution.fitter().withBins(40).withLower(-1e9).withUpper(1e9)
            .withTies(TiePolicy.JITTER).withSeed(9).fit(a), source(bounded, 0));
        // numBins above n is lowered to n, as the in-memory default would do.
        double[] small = Arrays.copyOf(a, 100);
        RedistributorModel few = new RedistributorEstimator().setInputCols("a").setNumBins(300)
            .fit(SparkTestSession.doubles(new String[] {"a"}, 2, SparkTestSession.boxed(small)));
        assertSameLattice(LearnedDistribution.fitter().withBins(100).fit(small), source(few, 0));
    }

    @Test
    void approximateFitKeepsLatticeRanksWithinTheStatedError() {
        double[] a = data(60_000, 5);
        double[] b = data(60_000, 6);
        double eps = 0.01;
        RedistributorModel m = new RedistributorEstimator().setInputCols("a").setNumBins(200)
            .setRelativeError(eps).fit(skewed(a, b));
        LearnedDistribution approx = source(m, 0);
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        long[] ranks = LearnedDistribution.latticeRanks(a.length, 200);
        double[] values = approx.values();
        int n = a.length;
        for (int i = 0; i < values.length; i++) {
            // Ranks occupied by the value in the data: [first, last]. The sketch's bound says some
            // rank of the value is within eps * n of the exact lattice rank (KLL single-sided
            // error at 99% confidence; with 200 points a miss is possible but rare, so count).
            int first = lowerBound(sorted, values[i]);
            int last = lowerBound(sorted, Math.nextUp(values[i])) - 1;
            double distance = ranks[i] < first ? first - ranks[i] : ranks[i] > last ? ranks[i] - last : 0;
            assertTrue(distance <= eps * n, "lattice point " + i + " off by " + distance + " ranks");
        }
        assertEquals(n, approx.count());
    }

    @Test
    void approximateFitMergesPartitionsInTheirOrder() {
        double[] a = data(20_000, 7);
        double[] b = data(20_000, 8);
        double eps = 0.01;
        // The skewed layout: partition 0 holds all but 30 rows, 1 and 2 are empty, 3, 4 and 5 hold
        // 10 rows each. With groups of ceil(sqrt(6)) = 3 partitions the documented order is
        // ((p0 + p1 + p2) + (p3 + p4 + p5)); the sketches compact (k = 549 < 20 000), so another
        // order would give other lattice values.
        assertEquals(3, SparkFit.groupSize(6));
        int big = a.length - 30;
        SketchFit[] parts = new SketchFit[6];
        int[][] ranges = {{0, big}, {big, big}, {big, big}, {big, big + 10}, {big + 10, big + 20},
            {big + 20, big + 30}};
        for (int p = 0; p < 6; p++) {
            parts[p] = SketchFit.withRankError(eps).update(a, ranges[p][0], ranges[p][1] - ranges[p][0]);
        }
        parts[0].merge(parts[1]);
        parts[0].merge(parts[2]);
        parts[3].merge(parts[4]);
        parts[3].merge(parts[5]);
        parts[0].merge(parts[3]);
        LearnedDistribution expected = parts[0].fit(LearnedDistribution.fitter().withBins(300));
        for (int run = 0; run < 2; run++) {
            RedistributorModel m = new RedistributorEstimator().setInputCols("a").setNumBins(300)
                .setRelativeError(eps).fit(skewed(a, b));
            assertArrayEquals(expected.values(), source(m, 0).values(), 0.0, "run " + run);
        }
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) { // numeric order: -0.0 and 0.0 are one value, as for the sketch
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Test
    void invalidValuesFollowHandleInvalid() {
        Double[] a = {1.0, null, 3.0, Double.NaN, 5.0, 6.0, Double.POSITIVE_INFINITY, 8.0};
        Double[] b = {10.0, 20.0, null, 40.0, 50.0, 60.0, 70.0, 80.0};
        Dataset<Row> df = SparkTestSession.doubles(new String[] {"a", "b"}, 2, a, b);
        RedistributorEstimator e = new RedistributorEstimator().setInputCols("a", "b");
        Exception error = assertThrows(Exception.class, () -> e.fit(df));
        assertTrue(rootMessage(error).contains("handleInvalid=error"), rootMessage(error));

        RedistributorModel keep = e.setHandleInvalid("keep").fit(df);
        assertSameLattice(LearnedDistribution.fit(new double[] {1, 3, 5, 6, 8}), source(keep, 0));
        assertSameLattice(LearnedDistribution.fit(new double[] {10, 20, 40, 50, 60, 70, 80}), source(keep, 1));
        List<Row> kept = keep.transform(df).collectAsList();
        assertEquals(8, kept.size());
        for (Row r : kept) {
            if (r.isNullAt(0)) {
                assertTrue(r.isNullAt(2));
            } else if (Double.isNaN(r.getDouble(0))) {
                assertTrue(Double.isNaN(r.getDouble(2)));
            }
        }

        RedistributorModel skip = e.setHandleInvalid("skip").fit(df);
        // Rows with an invalid value in any input column are dropped from the fit.
        assertSameLattice(LearnedDistribution.fit(new double[] {1, 5, 6, 8}), source(skip, 0));
        assertSameLattice(LearnedDistribution.fit(new double[] {10, 50, 60, 80}), source(skip, 1));
        // The transform drops rows with null or NaN; +∞ is mapped by the out-of-support rule.
        assertEquals(5, skip.transform(df).count());

        RedistributorModel errorModel = keep.copy(new org.apache.spark.ml.param.ParamMap())
            .setHandleInvalid("error");
        Exception failed = assertThrows(Exception.class, () -> errorModel.transform(df).collectAsList());
        assertTrue(rootMessage(failed).contains("column a"), rootMessage(failed));
    }

    @Test
    void tooFewValuesNameTheColumn() {
        Dataset<Row> df = SparkTestSession.doubles(new String[] {"a"}, 2, new Double[] {1.0, 2.0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new RedistributorEstimator().setInputCols("a").fit(df));
        assertTrue(e.getMessage().startsWith("column 'a'"), e.getMessage());
    }

    @Test
    void learnedTargetFromAColumnOrAReferenceDataFrame() {
        double[] a = data(3000, 7);
        double[] t = data(3000, 8);
        Dataset<Row> df = SparkTestSession.doubles(new String[] {"a", "t"}, 3, SparkTestSession.boxed(a),
            SparkTestSession.boxed(t));
        RedistributorModel m = new RedistributorEstimator().setInputCols("a").setTarget("column:t").fit(df);
        assertEquals(LearnedDistribution.fit(t), m.redistributors().get(0).target());

        double[] ref = Arrays.copyOf(t, 500);
        Dataset<Row> refDf = SparkTestSession.doubles(new String[] {"r"}, 2, SparkTestSession.boxed(ref));
        RedistributorModel r = new RedistributorEstimator().setInputCols("a").setTarget("column:r")
            .fitWithReference(df, refDf);
        assertEquals(LearnedDistribution.fit(ref), r.redistributors().get(0).target());
        assertThrows(IllegalArgumentException.class, () -> new RedistributorEstimator().setInputCols("a")
            .fitWithReference(df, refDf));
    }

    @Test
    void inverseTransformRecoversTheInput() {
        double[] a = data(2000, 9);
        Dataset<Row> df = SparkTestSession.doubles(new String[] {"a"}, 2, SparkTestSession.boxed(a));
        RedistributorModel m = new RedistributorEstimator().setInputCols("a").setOutputCols("z")
            .setTarget("uniform:0,1").fit(df);
        Dataset<Row> z = m.transform(df).drop("a");
        List<Row> back = m.inverseTransform(z).collectAsList();
        var r = m.redistributors().get(0);
        for (Row row : back) {
            double zv = row.getDouble(row.fieldIndex("z"));
            assertEquals(r.inverse(zv), row.getDouble(row.fieldIndex("a")), 0.0);
        }
        assertEquals(ParametricDistribution.uniform(0, 1), r.target());
    }

    private static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}
