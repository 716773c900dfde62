package io.redistributor.spark;

import java.util.Locale;
import org.apache.spark.sql.api.java.UDF1;

/**
 * The per-row function of one column: the forward or inverse transform of a shipped
 * {@link io.redistributor.Redistributor}. null gives null and NaN gives NaN, unless the invalid
 * value policy is {@code error}, which fails the task with a message naming the column.
 */
final class ColumnMapper implements UDF1<Double, Double> {
    private static final long serialVersionUID = 1L;

    private final ShippedRedistributor redistributor;
    private final boolean inverse;
    private final String column;
    private final boolean failOnInvalid;

    ColumnMapper(ShippedRedistributor redistributor, boolean inverse, String column, boolean failOnInvalid) {
        this.redistributor = redistributor;
        this.inverse = inverse;
        this.column = column;
        this.failOnInvalid = failOnInvalid;
    }

    @Override
    public Double call(Double x) {
        if (x == null || Double.isNaN(x)) {
            if (failOnInvalid) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "column %s holds %s, which handleInvalid=error refuses (use skip or keep)", column, x));
            }
            return x;
        }
        return inverse ? redistributor.get().inverse(x) : redistributor.get().transform(x);
    }
}
