package io.redistributor.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Column predicates for the invalid value policy. */
final class Invalid {
    private Invalid() {
    }

    /**
     * True where every column is neither null nor NaN.
     *
     * @param columns the column names (at least one)
     * @return the predicate
     */
    static Column allValid(String[] columns) {
        Column ok = null;
        for (String c : columns) {
            Column col = functions.col(c);
            Column valid = col.isNotNull().and(functions.not(functions.isnan(col)));
            ok = ok == null ? valid : ok.and(valid);
        }
        return ok;
    }
}
