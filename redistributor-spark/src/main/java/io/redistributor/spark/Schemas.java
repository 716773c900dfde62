package io.redistributor.spark;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schema checks shared by the estimator and the model. */
final class Schemas {
    private Schemas() {
    }

    /**
     * Checks that a column exists and is numeric.
     *
     * @param schema the schema
     * @param param the param naming the column, for the message
     * @param column the column
     * @throws IllegalArgumentException if the column is missing or not numeric
     */
    static void requireNumeric(StructType schema, String param, String column) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s: column '%s' does not exist; the columns are %s", param, column,
                Arrays.toString(schema.fieldNames())));
        }
        StructField f = schema.apply(column);
        if (!(f.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s: column '%s' has type %s; it must be numeric (byte, short, int, long, float, double, decimal)",
                param, column, f.dataType().simpleString()));
        }
    }

    /**
     * Checks the input columns and appends the output columns as nullable doubles.
     *
     * @param schema the input schema
     * @param inputs the input columns
     * @param outputs the output columns, as many as the inputs
     * @param expected the number of input columns a fitted model holds, or -1 for any
     * @return the output schema
     * @throws IllegalArgumentException naming the first rule the columns break
     */
    static StructType transform(StructType schema, String[] inputs, String[] outputs, int expected) {
        if (expected >= 0 && inputs.length != expected) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "inputCols has %d columns but the model was fitted on %d", inputs.length, expected));
        }
        if (outputs.length != inputs.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "outputCols has %d columns %s but inputCols has %d; they must be equal in number",
                outputs.length, Arrays.toString(outputs), inputs.length));
        }
        for (String in : inputs) {
            requireNumeric(schema, "inputCols", in);
        }
        StructType out = schema;
        for (String o : outputs) {
            if (Arrays.asList(out.fieldNames()).contains(o)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "outputCols: column '%s' already exists; choose another output name", o));
            }
            out = out.add(o, DataTypes.DoubleType, true);
        }
        return out;
    }
}
