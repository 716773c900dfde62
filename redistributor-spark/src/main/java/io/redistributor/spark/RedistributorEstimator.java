package io.redistributor.spark;

import io.redistributor.Distribution;
import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * Learns, for each input column, the distribution of its values and builds the
 * {@link Redistributor} that maps it onto the target; the result is a {@link RedistributorModel}.
 *
 * <p>Fitting runs on the executors with the core's mergeable partial fits
 * ({@link SparkFit}): with {@code relativeError = 0} (the default) two passes over the data give
 * exactly the lattice of {@link LearnedDistribution#fit(double[])} on the same values; with
 * {@code relativeError > 0} one pass of mergeable sketches gives lattice ranks within
 * {@code relativeError × n}. Nothing is sorted as a whole and the driver holds O(bins × columns)
 * numbers.
 *
 * <p>A column needs at least 3 valid values and two distinct ones; {@code numBins} is lowered to
 * the number of valid values of a smaller column. See {@link RedistributorParams} for every param.
 *
 * <pre>{@code
 * RedistributorModel model = new RedistributorEstimator()
 *     .setInputCols("income", "age")
 *     .setTarget("normal:0,1")
 *     .fit(df);
 * Dataset<Row> out = model.transform(df);   // adds income_redistributed, age_redistributed
 * }</pre>
 */
public final class RedistributorEstimator extends Estimator<RedistributorModel>
    implements RedistributorParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final RedistributorParamDefs defs;

    /** Creates an estimator with a new random uid {@code redistributor_…} and default params. */
    public RedistributorEstimator() {
        this(Identifiable$.MODULE$.randomUID("redistributor"));
    }

    /**
     * Creates an estimator with the given uid and default params.
     *
     * @param uid the uid, kept by copies, saves and loads
     * @throws IllegalArgumentException if uid is null or empty
     */
    public RedistributorEstimator(String uid) {
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("uid must be a non-empty string");
        }
        this.uid = uid;
        this.defs = new RedistributorParamDefs(this);
        setRedistributorDefaults();
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public RedistributorParamDefs paramDefs() {
        return defs;
    }

    /**
     * Sets {@code inputCols}; a value its validator refuses throws IllegalArgumentException.
     *
     * @param value numeric input columns, at least one, distinct
     * @return this estimator
     */
    public RedistributorEstimator setInputCols(String... value) {
        set(inputCols(), value);
        return this;
    }

    /**
     * Sets {@code outputCols}; a value its validator refuses throws IllegalArgumentException.
     *
     * @param value output columns, one per input column, distinct; empty for {@code <input>_redistributed}
     * @return this estimator
     */
    public RedistributorEstimator setOutputCols(String... value) {
        set(outputCols(), value);
        return this;
    }

    /**
     * Sets {@code target}; a value its validator refuses throws IllegalArgumentException.
     *
     * @param value a parametric spec such as {@code normal:0,1}, or {@code column:NAME}
     * @return this estimator
     */
    public RedistributorEstimator setTarget(String value) {
        set(target(), value);
        return this;
    }

    /**
     * Sets {@code numBins}; a value its validator refuses throws IllegalArgumentException.
     *
     * @param value maximum lattice points per learned distribution, at least 3
     * @return this estimator
     */
    public RedistributorEstimator setNumBins(int value) {
        set(numBins(), value);
        return this;
    }

    /**
     * Sets {@code relativeError}; a value its validator refuses throws IllegalArgumentException.
     *
     * @param value 0 for the exact fit, or a rank error in (0, 0.1] for the sketch fit
     * @return this estimator
     */
    public RedistributorEstimator setRelativeError(double value) {
        set(relativeError(), value);
        return this;
    }

    /**
     * Sets {@code ties}; a value its validator refuses throws IllegalArgumentException.
     *
     * @param value midpoint, jitter or error
     * @return this estimator
     */
    public RedistributorEstimator setTies(String value) {
        set(ties(), value);
        return this;
    }

    /**
     * Sets {@code seed}; a value its validator refuses throws IllegalArgumentException.
     *
     * @param value seed of the jitter tie policy
     * @return this estimator
     */
    public RedistributorEstimator setSeed(long value) {
        set(seed(), value);
        return this;
    }

    /**
     * Sets {@code lower}; a value its validator refuses throws IllegalArgumentException.
     *
     * @param value lower support bound below every value of every input column, or NaN for none
     * @return this estimator
     */
    public RedistributorEstimator setLower(double value) {
        set(lower(), value);
        return this;
    }

    /**
     * Sets {@code upper}; a value its validator refuses throws IllegalArgumentException.
     *
     * @param value upper support bound above every value of every input column, or NaN for none
     * @return this estimator
     */
    public RedistributorEstimator setUpper(double value) {
        set(upper(), value);
        return this;
    }

    /**
     * Sets {@code handleInvalid}; a value its validator refuses throws IllegalArgumentException.
     *
     * @param value error, skip or keep
     * @return this estimator
     */
    public RedistributorEstimator setHandleInvalid(String value) {
        set(handleInvalid(), value);
        return this;
    }

    /**
     * Checks that the input columns (and a {@code column:NAME} target) exist and are numeric,
     * and appends the output columns as nullable doubles.
     *
     * @param schema the input schema
     * @return the output schema
     * @throws IllegalArgumentException naming the missing or mistyped column
     */
    @Override
    public StructType transformSchema(StructType schema) {
        String column = RedistributorParamDefs.targetColumn(getTarget());
        if (column != null) {
            Schemas.requireNumeric(schema, "target", column);
        }
        return Schemas.transform(schema, getInputCols(), getOutputCols(), -1);
    }

    /**
     * Fits the model. A {@code column:NAME} target is learned from that column of the same data
     * (its null, NaN and ±∞ values are left out whatever {@code handleInvalid} says).
     *
     * @param dataset the data
     * @return the fitted model, whose parent is this estimator
     * @throws IllegalArgumentException if a column is missing or not numeric, holds invalid
     *     values under {@code handleInvalid=error}, or has too few valid values
     */
    @Override
    public RedistributorModel fit(Dataset<?> dataset) {
        return fitWithReference(dataset, null);
    }

    /**
     * Fits the model with a {@code column:NAME} target learned from a reference DataFrame.
     *
     * @param dataset the data whose input columns are fitted
     * @param reference the data holding the target column; null to use {@code dataset}
     * @return the fitted model
     * @throws IllegalArgumentException as {@link #fit(Dataset)}, or if the target is not a
     *     {@code column:NAME} target while a reference is given
     */
    public RedistributorModel fitWithReference(Dataset<?> dataset, Dataset<?> reference) {
        String targetSpec = getTarget();
        String targetColumn = RedistributorParamDefs.targetColumn(targetSpec);
        if (reference != null) {
            if (targetColumn == null) {
                throw new IllegalArgumentException("target (" + targetSpec
                    + ") must be column:NAME when a reference DataFrame is given");
            }
            Schemas.requireNumeric(reference.schema(), "target", targetColumn);
            Schemas.transform(dataset.schema(), getInputCols(), getOutputCols(), -1);
        } else {
            transformSchema(dataset.schema(), true);
        }
        SparkFit fitter = new SparkFit(fitter(), getNumBins(), getRelativeError(), getHandleInvalid());
        LearnedDistribution[] sources = fitter.fitColumns(dataset.toDF(), getInputCols());
        Distribution target;
        if (targetColumn == null) {
            target = ParametricDistribution.parse(targetSpec);
        } else {
            Dataset<?> ref = reference == null ? dataset : reference;
            SparkFit targetFitter = new SparkFit(fitter().withLower(Double.NaN).withUpper(Double.NaN),
                getNumBins(), getRelativeError(), RedistributorParamDefs.KEEP_INVALID);
            target = targetFitter.fitColumns(ref.toDF(), new String[] {targetColumn})[0];
        }
        List<Redistributor> rs = new ArrayList<>(sources.length);
        for (LearnedDistribution s : sources) {
            rs.add(Redistributor.of(s, target));
        }
        RedistributorModel model = new RedistributorModel(uid, rs);
        return copyValues(model, ParamMap.empty()).setParent(this);
    }

    private LearnedDistribution.Fitter fitter() {
        return LearnedDistribution.fitter().withTies(getTies()).withSeed(getSeed())
            .withLower(getLower()).withUpper(getUpper());
    }

    @Override
    public RedistributorEstimator copy(ParamMap extra) {
        return (RedistributorEstimator) defaultCopy(extra);
    }

    /**
     * A reader of saved estimators.
     *
     * @return the reader
     */
    public static MLReader<RedistributorEstimator> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a saved estimator.
     *
     * @param path the directory written by {@code write().save(path)}
     * @return the estimator, with its uid and params
     */
    public static RedistributorEstimator load(String path) {
        return read().load(path);
    }
}
