package io.redistributor.spark;

import io.redistributor.stream.ExactPartial;
import io.redistributor.stream.ExactPlan;
import io.redistributor.stream.SketchFit;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Reads one partition of double columns and hands each column's valid values, in chunks, to a
 * sink (a partial fit). Applies the invalid value policy: null, NaN and ±∞ fail the task
 * ({@link #ERROR}), drop the whole row ({@link #SKIP}) or are left out of their column only
 * ({@link #KEEP}). Allocates one chunk buffer per column per partition, nothing per row.
 */
final class ColumnScan {
    static final int ERROR = 0;
    static final int SKIP = 1;
    static final int KEEP = 2;
    private static final int CHUNK = 4096;

    private ColumnScan() {
    }

    static int policy(String handleInvalid) {
        switch (handleInvalid) {
            case RedistributorParamDefs.ERROR_INVALID:
                return ERROR;
            case RedistributorParamDefs.SKIP_INVALID:
                return SKIP;
            case RedistributorParamDefs.KEEP_INVALID:
                return KEEP;
            default:
                throw new IllegalArgumentException("handleInvalid (" + handleInvalid + ") must be error, skip or keep");
        }
    }

    /** Receives a chunk of one column's valid values. */
    interface Sink {
        void accept(double[] x, int offset, int length);
    }

    /**
     * Scans rows; a null sink ignores its column.
     *
     * @param rows the partition
     * @param names column names, for messages
     * @param policy ERROR, SKIP or KEEP
     * @param sinks one per column
     */
    static void scan(Iterator<InternalRow> rows, String[] names, int policy, Sink[] sinks) {
        int m = names.length;
        double[][] buffers = new double[m][];
        for (int j = 0; j < m; j++) {
            buffers[j] = sinks[j] == null ? null : new double[CHUNK];
        }
        int[] lengths = new int[m];
        while (rows.hasNext()) {
            InternalRow row = rows.next();
            if (policy == SKIP && !allValid(row, m)) {
                continue;
            }
            for (int j = 0; j < m; j++) {
                boolean isNull = row.isNullAt(j);
                double v = isNull ? Double.NaN : row.getDouble(j);
                if (!Double.isFinite(v)) {
                    if (policy == ERROR) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "column '%s' holds %s, which handleInvalid=error refuses for fitting (use skip or keep)",
                            names[j], isNull ? "null" : String.valueOf(v)));
                    }
                    continue;
                }
                double[] b = buffers[j];
                if (b == null) {
                    continue;
                }
                b[lengths[j]++] = v;
                if (lengths[j] == CHUNK) {
                    sinks[j].accept(b, 0, CHUNK);
                    lengths[j] = 0;
                }
            }
        }
        for (int j = 0; j < m; j++) {
            if (buffers[j] != null && lengths[j] > 0) {
                sinks[j].accept(buffers[j], 0, lengths[j]);
            }
        }
    }

    private static boolean allValid(InternalRow row, int m) {
        for (int j = 0; j < m; j++) {
            if (row.isNullAt(j) || !Double.isFinite(row.getDouble(j))) {
                return false;
            }
        }
        return true;
    }

    /** One round of exact fits: a partial per column of the round's plans (null when complete). */
    static final class ExactRound implements FlatMapFunction<Iterator<InternalRow>, ExactPartial[]> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<ExactPlan[]> plans;
        private final String[] names;
        private final int policy;

        ExactRound(Broadcast<ExactPlan[]> plans, String[] names, int policy) {
            this.plans = plans;
            this.names = names;
            this.policy = policy;
        }

        @Override
        public Iterator<ExactPartial[]> call(Iterator<InternalRow> rows) {
            ExactPlan[] p = plans.value();
            ExactPartial[] partials = new ExactPartial[p.length];
            Sink[] sinks = new Sink[p.length];
            for (int j = 0; j < p.length; j++) {
                if (p[j] != null) {
                    ExactPartial partial = p[j].newPartial();
                    partials[j] = partial;
                    sinks[j] = partial::accept;
                }
            }
            scan(rows, names, policy, sinks);
            return Collections.singletonList(partials).iterator();
        }
    }

    /** One pass of sketch fits: a KLL sketch per column. */
    static final class SketchPass implements FlatMapFunction<Iterator<InternalRow>, SketchFit[]> {
        private static final long serialVersionUID = 1L;
        private final String[] names;
        private final int policy;
        private final double rankError;

        SketchPass(String[] names, int policy, double rankError) {
            this.names = names;
            this.policy = policy;
            this.rankError = rankError;
        }

        @Override
        public Iterator<SketchFit[]> call(Iterator<InternalRow> rows) {
            SketchFit[] sketches = new SketchFit[names.length];
            Sink[] sinks = new Sink[names.length];
            for (int j = 0; j < names.length; j++) {
                SketchFit s = SketchFit.withRankError(rankError);
                sketches[j] = s;
                sinks[j] = s::update;
            }
            scan(rows, names, policy, sinks);
            return Collections.singletonList(sketches).iterator();
        }
    }
}
