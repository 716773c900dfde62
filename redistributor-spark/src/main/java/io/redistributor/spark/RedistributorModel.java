package io.redistributor.spark;

import io.redistributor.Redistributor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted redistribution of several columns: for each input column a core
 * {@link Redistributor} from the column's learned distribution to the target. {@link #transform}
 * adds the output columns; {@link #inverseTransform} maps output columns back.
 *
 * <p>The model holds no algorithm: the redistributors are broadcast to the executors, and one
 * pass over each partition maps the rows in chunks, every column's chunk with one bulk call of the
 * core {@link Redistributor} (bit for bit the scalar transform). Input columns of other numeric
 * types are cast to double by Spark; every column of the input is kept in the output. Invalid values follow {@code handleInvalid}: {@code error}
 * fails the job on null or NaN, {@code skip} drops rows with null or NaN in any input column,
 * {@code keep} gives null for null and NaN for NaN. ±∞ are mapped by the source's out-of-support
 * rule (see {@link io.redistributor.LearnedDistribution}).
 *
 * <p>Saved with {@link #write()} as Spark ML metadata plus the core's JSON model format, so a
 * saved model is also readable by the command line and plain Java (see {@link SparkModelFiles}).
 */
public final class RedistributorModel extends Model<RedistributorModel>
    implements RedistributorParams, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final RedistributorParamDefs defs;
    private final List<Redistributor> redistributors;

    /**
     * Creates a model with the given uid and one redistributor per input column, in the order of
     * {@code inputCols} (which must be set before transforming).
     *
     * @param uid the uid
     * @param redistributors one per input column; at least one, none null (copied)
     * @throws IllegalArgumentException if the list is empty or holds null
     */
    public RedistributorModel(String uid, List<Redistributor> redistributors) {
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("uid must be a non-empty string");
        }
        if (redistributors == null || redistributors.isEmpty() || redistributors.contains(null)) {
            throw new IllegalArgumentException("redistributors (" + redistributors
                + ") must hold one non-null Redistributor per input column");
        }
        this.uid = uid;
        this.defs = new RedistributorParamDefs(this);
        this.redistributors = Collections.unmodifiableList(new ArrayList<>(redistributors));
        setRedistributorDefaults();
    }

    /**
     * Wraps core redistributors keyed by column name (for example the columns of a model in the
     * core's JSON format) as a Spark model with a new uid and those names as input columns.
     *
     * @param columns column name to redistributor, in column order; at least one
     * @return the model
     * @throws IllegalArgumentException if the map is empty or holds null
     */
    public static RedistributorModel of(Map<String, Redistributor> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("columns must name at least one column");
        }
        RedistributorModel m = new RedistributorModel(Identifiable$.MODULE$.randomUID("redistributor"),
            new ArrayList<>(columns.values()));
        return m.setInputCols(columns.keySet().toArray(new String[0]));
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
     * The fitted transforms, one per input column in the order of {@code inputCols}.
     *
     * @return an unmodifiable list
     */
    public List<Redistributor> redistributors() {
        return redistributors;
    }

    /**
     * The fitted transforms keyed by input column name.
     *
     * @return column name to redistributor, in column order
     * @throws java.util.NoSuchElementException if inputCols is not set
     */
    public Map<String, Redistributor> columns() {
        String[] in = getInputCols();
        checkColumnCount(in);
        Map<String, Redistributor> m = new LinkedHashMap<>();
        for (int i = 0; i < in.length; i++) {
            m.put(in[i], redistributors.get(i));
        }
        return m;
    }

    /**
     * Sets the input columns; as many as the model holds redistributors.
     *
     * @param value the names
     * @return this model
     */
    public RedistributorModel setInputCols(String... value) {
        set(inputCols(), value);
        return this;
    }

    /**
     * Sets the output columns.
     *
     * @param value the names, one per input column
     * @return this model
     */
    public RedistributorModel setOutputCols(String... value) {
        set(outputCols(), value);
        return this;
    }

    /**
     * Sets the invalid value policy.
     *
     * @param value error, skip or keep
     * @return this model
     */
    public RedistributorModel setHandleInvalid(String value) {
        set(handleInvalid(), value);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return Schemas.transform(schema, getInputCols(), getOutputCols(), redistributors.size());
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema(), true);
        return map(dataset, getInputCols(), getOutputCols(), false);
    }

    /**
     * The inverse transform: reads each output column and writes the values mapped back to the
     * source's scale into the input column of the same position, replacing a column of that name
     * if the dataset has one. The invalid value policy applies as in {@link #transform}.
     *
     * @param dataset data holding the output columns (numeric)
     * @return the data with the input columns (re)computed
     * @throws IllegalArgumentException if an output column is missing or not numeric
     */
    public Dataset<Row> inverseTransform(Dataset<?> dataset) {
        String[] in = getInputCols();
        String[] out = getOutputCols();
        checkColumnCount(in);
        for (String o : out) {
            Schemas.requireNumeric(dataset.schema(), "outputCols", o);
        }
        return map(dataset, out, in, true);
    }

    private Dataset<Row> map(Dataset<?> dataset, String[] from, String[] to, boolean inverse) {
        String mode = getHandleInvalid();
        Dataset<Row> df = dataset.toDF();
        if (RedistributorParamDefs.SKIP_INVALID.equals(mode)) {
            df = df.filter(Invalid.allValid(from));
        }
        StructType schema = df.schema();
        int copied = schema.size();
        // Columns of other numeric types are read through Spark's own cast, appended after the
        // copied columns (and not copied to the output).
        int[] fromIx = new int[from.length];
        List<Column> casts = new ArrayList<>();
        for (int i = 0; i < from.length; i++) {
            fromIx[i] = schema.fieldIndex(from[i]);
            if (!DataTypes.DoubleType.equals(schema.fields()[fromIx[i]].dataType())) {
                fromIx[i] = copied + casts.size();
                casts.add(df.col(from[i]).cast(DataTypes.DoubleType).as("_redistributor_cast_" + i));
            }
        }
        if (!casts.isEmpty()) {
            casts.add(0, functions.col("*"));
            df = df.select(casts.toArray(new Column[0]));
        }
        List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
        boolean caseSensitive = Boolean.parseBoolean(df.sparkSession().conf().get("spark.sql.caseSensitive", "false"));
        int[] toIx = new int[to.length];
        ShippedRedistributor[] shipped = new ShippedRedistributor[to.length];
        for (int i = 0; i < to.length; i++) {
            // As Dataset.withColumns: an existing column of that name is replaced in place.
            int at = indexOf(fields, to[i], caseSensitive);
            StructField f = new StructField(to[i], DataTypes.DoubleType, true, Metadata.empty());
            if (at < 0) {
                at = fields.size();
                fields.add(f);
            } else {
                fields.set(at, f);
            }
            toIx[i] = at;
            shipped[i] = new ShippedRedistributor(redistributors.get(i));
        }
        StructType out = new StructType(fields.toArray(new StructField[0]));
        Broadcast<ShippedRedistributor[]> broadcast = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext())
            .broadcast(shipped);
        RowMapper f = new RowMapper(broadcast, inverse, from, fromIx, toIx, copied, out.size(),
            RedistributorParamDefs.ERROR_INVALID.equals(mode));
        return df.mapPartitions(f, Encoders.row(out));
    }

    private static int indexOf(List<StructField> fields, String name, boolean caseSensitive) {
        for (int k = 0; k < fields.size(); k++) {
            String n = fields.get(k).name();
            if (caseSensitive ? n.equals(name) : n.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return -1;
    }

    private void checkColumnCount(String[] in) {
        if (in.length != redistributors.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "inputCols has %d columns %s but the model holds %d redistributors", in.length,
                Arrays.toString(in), redistributors.size()));
        }
    }

    @Override
    public RedistributorModel copy(ParamMap extra) {
        RedistributorModel copied = new RedistributorModel(uid, redistributors);
        return copyValues(copied, extra).setParent(parent());
    }

    /**
     * A writer that saves the params and the fitted redistributors.
     *
     * @return the writer
     */
    @Override
    public MLWriter write() {
        return new SparkModelFiles.Writer(this);
    }

    /**
     * A reader of saved models.
     *
     * @return the reader
     */
    public static MLReader<RedistributorModel> read() {
        return new SparkModelFiles.Reader();
    }

    /**
     * Loads a saved model.
     *
     * @param path the directory written by {@link #write()}
     * @return the model
     */
    public static RedistributorModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "RedistributorModel: uid=" + uid + ", columns=" + redistributors.size();
    }
}
