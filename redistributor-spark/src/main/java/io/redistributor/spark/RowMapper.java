package io.redistributor.spark;

import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The per-partition function of a transform or inverse transform: reads the rows of a partition
 * in chunks, maps each column's chunk with one bulk call of the core
 * {@link io.redistributor.Redistributor} (the same values, bit for bit, as the scalar transform)
 * and emits each row with the mapped values written to the output positions. One pass per row for
 * all columns; per row it allocates only the output row, whose mapped values Spark's row format
 * holds boxed.
 *
 * <p>Input values are doubles (the caller casts other numeric types in SQL). null gives null and NaN gives NaN, unless the invalid value policy is {@code error},
 * which fails the task with a message naming the column. Rows are emitted in input order.
 */
final class RowMapper implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    /** Rows per chunk: the bulk calls' fixed cost is spread over this many values per column. */
    static final int CHUNK = 2048;

    private final Broadcast<ShippedRedistributor[]> redistributors;
    private final boolean inverse;
    private final String[] names;
    private final int[] from;
    private final int[] to;
    private final int copied;
    private final int width;
    private final boolean failOnInvalid;

    /**
     * @param redistributors one per mapped column, broadcast so that each executor rebuilds them
     *     (and their lookup tables) once rather than once per task
     * @param inverse whether to apply the inverse transforms
     * @param names the input column names, for messages
     * @param from index of each input column in the input row
     * @param to index of each output column in the output row
     * @param copied number of leading input fields copied to the output row
     * @param width length of the output row
     * @param failOnInvalid whether null and NaN fail the task
     */
    RowMapper(Broadcast<ShippedRedistributor[]> redistributors, boolean inverse, String[] names, int[] from, int[] to,
              int copied, int width, boolean failOnInvalid) {
        this.redistributors = redistributors;
        this.inverse = inverse;
        this.names = names;
        this.from = from;
        this.to = to;
        this.copied = copied;
        this.width = width;
        this.failOnInvalid = failOnInvalid;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Chunks(rows);
    }

    /** Reads a chunk, maps it, then hands out its rows. */
    private final class Chunks implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final Object[][] out = new Object[CHUNK][];
        private final double[] buffer = new double[CHUNK];
        private final double[][] values = new double[from.length][CHUNK];
        private final boolean[][] nulls = new boolean[from.length][CHUNK];
        private int size;
        private int next;

        Chunks(Iterator<Row> rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            if (next < size) {
                return true;
            }
            fill();
            return next < size;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more rows in this partition");
            }
            Object[] row = out[next];
            out[next++] = null;
            return RowFactory.create(row);
        }

        private void fill() {
            int n = 0;
            int m = from.length;
            while (n < CHUNK && rows.hasNext()) {
                Row row = rows.next();
                Object[] o = new Object[width];
                for (int k = 0; k < copied; k++) {
                    o[k] = row.get(k);
                }
                for (int j = 0; j < m; j++) {
                    Object v = row.get(from[j]);
                    double x = v == null ? Double.NaN : (Double) v;
                    if (failOnInvalid && Double.isNaN(x)) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "column %s holds %s, which handleInvalid=error refuses (use skip or keep)", names[j],
                            v == null ? "null" : "NaN"));
                    }
                    values[j][n] = x;
                    nulls[j][n] = v == null;
                }
                out[n++] = o;
            }
            size = n;
            next = 0;
            if (n == 0) {
                return;
            }
            ShippedRedistributor[] shipped = redistributors.value();
            for (int j = 0; j < m; j++) {
                double[] x = values[j];
                if (inverse) {
                    shipped[j].get().inverse(x, 0, buffer, 0, n);
                } else {
                    shipped[j].get().transform(x, 0, buffer, 0, n);
                }
                boolean[] isNull = nulls[j];
                int t = to[j];
                for (int i = 0; i < n; i++) {
                    out[i][t] = isNull[i] ? null : buffer[i];
                }
            }
        }
    }
}
