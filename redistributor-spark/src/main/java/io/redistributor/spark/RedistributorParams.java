package io.redistributor.spark;

import io.redistributor.TiePolicy;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * The params shared by {@link RedistributorEstimator} and {@link RedistributorModel}, with their
 * defaults:
 * <ul>
 *   <li>{@code inputCols} (required): numeric columns to redistribute.</li>
 *   <li>{@code outputCols} (default empty: {@code <input>_redistributed}): one per input column.</li>
 *   <li>{@code target} (default {@code normal:0,1}): a parametric spec as
 *       {@link io.redistributor.ParametricDistribution#parse}, or {@code column:NAME} to learn the
 *       target from a numeric column of the fitting data (or of a reference DataFrame given to
 *       {@link RedistributorEstimator#fitWithReference}).</li>
 *   <li>{@code numBins} (default 5000, at least 3): lattice points of each learned distribution,
 *       lowered to the number of values of a smaller column.</li>
 *   <li>{@code relativeError} (default 0 = exact, at most 0.1): rank error of the sketch fit.</li>
 *   <li>{@code ties} (default midpoint), {@code seed} (default 0, used by jitter).</li>
 *   <li>{@code lower}, {@code upper} (default NaN = none): support bounds of every fitted source.</li>
 *   <li>{@code handleInvalid} (default error): null and NaN inputs fail the job ({@code error}),
 *       drop their row ({@code skip}) or are left out of the fit and pass through the transform
 *       ({@code keep}). ±∞ are invalid for fitting; the transform maps them by the source's
 *       out-of-support rule.</li>
 * </ul>
 */
public interface RedistributorParams extends Params {

    /**
     * The param objects of this instance.
     *
     * @return the param holder, created with this instance's uid
     */
    RedistributorParamDefs paramDefs();

    /**
     * Sets every default; called once by the constructors.
     */
    default void setRedistributorDefaults() {
        RedistributorParamDefs p = paramDefs();
        setDefault(p.outputCols, new String[0]);
        setDefault(p.target, "normal:0,1");
        setDefault(p.numBins, 5000);
        setDefault(p.relativeError, 0.0);
        setDefault(p.ties, "midpoint");
        setDefault(p.seed, 0L);
        setDefault(p.lower, Double.NaN);
        setDefault(p.upper, Double.NaN);
        setDefault(p.handleInvalid, RedistributorParamDefs.ERROR_INVALID);
    }

    /**
     * The input columns param.
     *
     * @return the input columns param
     */
    default StringArrayParam inputCols() {
        return paramDefs().inputCols;
    }

    /**
     * The output columns param.
     *
     * @return the output columns param
     */
    default StringArrayParam outputCols() {
        return paramDefs().outputCols;
    }

    /**
     * The target param.
     *
     * @return the target param
     */
    default Param<String> target() {
        return paramDefs().target;
    }

    /**
     * The number of lattice points param.
     *
     * @return the number of lattice points param
     */
    default IntParam numBins() {
        return paramDefs().numBins;
    }

    /**
     * The relative rank error param.
     *
     * @return the relative rank error param
     */
    default DoubleParam relativeError() {
        return paramDefs().relativeError;
    }

    /**
     * The tie policy param.
     *
     * @return the tie policy param
     */
    default Param<String> ties() {
        return paramDefs().ties;
    }

    /**
     * The jitter seed param.
     *
     * @return the jitter seed param
     */
    default LongParam seed() {
        return paramDefs().seed;
    }

    /**
     * The lower support bound param.
     *
     * @return the lower support bound param
     */
    default DoubleParam lower() {
        return paramDefs().lower;
    }

    /**
     * The upper support bound param.
     *
     * @return the upper support bound param
     */
    default DoubleParam upper() {
        return paramDefs().upper;
    }

    /**
     * The invalid value policy param.
     *
     * @return the invalid value policy param
     */
    default Param<String> handleInvalid() {
        return paramDefs().handleInvalid;
    }

    /**
     * The input columns.
     *
     * @return the names
     * @throws java.util.NoSuchElementException if they were not set
     */
    default String[] getInputCols() {
        return $(inputCols());
    }

    /**
     * The output columns: the set names, or {@code <input>_redistributed} for each input column
     * when none were set.
     *
     * @return the names, as many as the input columns
     */
    default String[] getOutputCols() {
        String[] out = $(outputCols());
        if (out.length > 0) {
            return out;
        }
        String[] in = getInputCols();
        String[] derived = new String[in.length];
        for (int i = 0; i < in.length; i++) {
            derived[i] = in[i] + "_redistributed";
        }
        return derived;
    }

    /**
     * The target spec.
     *
     * @return the target spec
     */
    default String getTarget() {
        return $(target());
    }

    /**
     * The maximum number of lattice points.
     *
     * @return the maximum number of lattice points
     */
    default int getNumBins() {
        return (Integer) $(numBins());
    }

    /**
     * The relative rank error, 0 for exact fitting.
     *
     * @return the relative rank error, 0 for exact fitting
     */
    default double getRelativeError() {
        return (Double) $(relativeError());
    }

    /**
     * The tie policy.
     *
     * @return the tie policy
     */
    default TiePolicy getTies() {
        return RedistributorParamDefs.tiePolicy($(ties()));
    }

    /**
     * The jitter seed.
     *
     * @return the jitter seed
     */
    default long getSeed() {
        return (Long) $(seed());
    }

    /**
     * The lower bound, NaN for none.
     *
     * @return the lower bound, NaN for none
     */
    default double getLower() {
        return (Double) $(lower());
    }

    /**
     * The upper bound, NaN for none.
     *
     * @return the upper bound, NaN for none
     */
    default double getUpper() {
        return (Double) $(upper());
    }

    /**
     * Error, skip or keep.
     *
     * @return error, skip or keep
     */
    default String getHandleInvalid() {
        return $(handleInvalid());
    }
}
