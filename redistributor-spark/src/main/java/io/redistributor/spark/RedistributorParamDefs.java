package io.redistributor.spark;

import io.redistributor.ParametricDistribution;
import io.redistributor.TiePolicy;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import scala.Function1;
import scala.runtime.AbstractFunction1;

/**
 * The param objects of one {@link RedistributorEstimator} or {@link RedistributorModel}, created
 * with the owner's uid. {@link RedistributorParams} exposes them; this class only builds them and
 * holds their validators.
 */
public final class RedistributorParamDefs implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Prefix of a target spec that learns the target from a column. */
    public static final String COLUMN_PREFIX = "column:";

    /** handleInvalid: fail on null or NaN. */
    public static final String ERROR_INVALID = "error";
    /** handleInvalid: drop rows with null or NaN in an input column. */
    public static final String SKIP_INVALID = "skip";
    /** handleInvalid: leave null and NaN as they are. */
    public static final String KEEP_INVALID = "keep";

    final StringArrayParam inputCols;
    final StringArrayParam outputCols;
    final Param<String> target;
    final IntParam numBins;
    final DoubleParam relativeError;
    final Param<String> ties;
    final LongParam seed;
    final DoubleParam lower;
    final DoubleParam upper;
    final Param<String> handleInvalid;

    /**
     * Creates the params of an owner.
     *
     * @param owner the estimator or model, whose uid is already set
     */
    RedistributorParamDefs(Params owner) {
        String uid = owner.uid();
        inputCols = new StringArrayParam(owner, "inputCols",
            "names of the numeric input columns: at least one, no repeats", fn(RedistributorParamDefs::distinctNonEmpty));
        outputCols = new StringArrayParam(owner, "outputCols",
            "names of the output columns, one per input column, no repeats; empty means <input>_redistributed",
            fn(RedistributorParamDefs::distinct));
        target = new Param<>(uid, "target",
            "target distribution: a parametric spec NAME[:P1,P2,...] such as normal:0,1 (as the command line's"
                + " --target), or column:NAME to learn the target from a numeric column",
            fn(RedistributorParamDefs::validTarget));
        numBins = new IntParam(uid, "numBins",
            "maximum number of lattice points of each learned distribution (>= 3); fewer when a column has fewer values",
            ParamValidators.gtEq(3));
        relativeError = new DoubleParam(uid, "relativeError",
            "0 for the exact lattice of the in-memory fit; in (0, 0.1] for mergeable sketches whose lattice ranks"
                + " are within relativeError * n of the exact ranks",
            ParamValidators.inRange(0, 0.1, true, true));
        ties = new Param<>(uid, "ties", "tie policy of learned distributions: midpoint, jitter or error",
            ParamValidators.inArray(new String[] {"midpoint", "jitter", "error"}));
        seed = new LongParam(uid, "seed", "seed of the jitter tie policy");
        lower = new DoubleParam(uid, "lower",
            "lower bound of the support of every fitted source (below all data); NaN for none",
            fn(RedistributorParamDefs::nanOrFinite));
        upper = new DoubleParam(uid, "upper",
            "upper bound of the support of every fitted source (above all data); NaN for none",
            fn(RedistributorParamDefs::nanOrFinite));
        handleInvalid = new Param<>(uid, "handleInvalid",
            "what to do with null and NaN inputs: error (fail), skip (drop the row), keep (fit without them,"
                + " transform them to null and NaN)",
            ParamValidators.inArray(new String[] {ERROR_INVALID, SKIP_INVALID, KEEP_INVALID}));
    }

    /**
     * Parses a tie policy param value.
     *
     * @param value midpoint, jitter or error (any case)
     * @return the policy
     */
    static TiePolicy tiePolicy(String value) {
        return TiePolicy.valueOf(value.toUpperCase(Locale.ROOT));
    }

    /**
     * The column named by a {@code column:NAME} target, or null for a parametric spec.
     *
     * @param target the target param value
     * @return the column name or null
     */
    static String targetColumn(String target) {
        return target.startsWith(COLUMN_PREFIX) ? target.substring(COLUMN_PREFIX.length()) : null;
    }

    private static boolean nanOrFinite(Object v) {
        double d = (Double) v;
        return Double.isNaN(d) || Double.isFinite(d);
    }

    private static boolean distinct(String[] names) {
        return names != null && new HashSet<>(Arrays.asList(names)).size() == names.length
            && Arrays.stream(names).allMatch(n -> n != null && !n.isEmpty());
    }

    private static boolean distinctNonEmpty(String[] names) {
        return distinct(names) && names.length > 0;
    }

    private static boolean validTarget(String spec) {
        if (spec == null) {
            return false;
        }
        String column = targetColumn(spec);
        if (column != null) {
            return !column.isEmpty();
        }
        try {
            ParametricDistribution.parse(spec);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A serializable Java predicate usable as a Spark param validator. */
    interface Check<T> extends Serializable {
        boolean test(T value);
    }

    private static <T> Function1<T, Object> fn(Check<T> check) {
        return new Validator<>(check);
    }

    private static final class Validator<T> extends AbstractFunction1<T, Object> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Check<T> check;

        Validator(Check<T> check) {
            this.check = check;
        }

        @Override
        public Object apply(T value) {
            return check.test(value);
        }
    }
}
