package io.redistributor.spark;

import io.redistributor.Redistributor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import scala.Option;

/**
 * The saved form of a {@link RedistributorModel}: a directory holding Spark ML's
 * {@code metadata} (class, uid, params, as every Spark ML stage) and {@code data/}, a single
 * text file with the fitted columns in the core's versioned JSON model format. Any Hadoop file
 * system works (local, HDFS, object stores).
 *
 * <p>The JSON in {@code data/part-*} is the same document the command line and plain Java read,
 * so {@link #exportJson} and {@link #importJson} are the bridge between the two worlds.
 */
public final class SparkModelFiles {
    private SparkModelFiles() {
    }

    /**
     * The fitted columns of a model in the core's JSON model format.
     *
     * @param model the model, with inputCols set
     * @return the JSON document
     */
    public static String exportJson(RedistributorModel model) {
        return CoreModelJson.write(model.columns());
    }

    /**
     * A Spark model of the columns of a core JSON model, with a new uid and the JSON's column
     * names as input columns.
     *
     * @param json a document in the core's JSON model format
     * @return the model
     * @throws IllegalArgumentException if the document is not a valid model
     */
    public static RedistributorModel importJson(String json) {
        return RedistributorModel.of(CoreModelJson.read(json));
    }

    /** Saves the metadata and the JSON model of a {@link RedistributorModel}. */
    static final class Writer extends MLWriter {
        private final RedistributorModel model;

        Writer(RedistributorModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
            String json = exportJson(model);
            sparkSession().createDataset(Collections.singletonList(json), Encoders.STRING())
                .coalesce(1).write().text(new Path(path, "data").toString());
        }
    }

    /** Loads what {@link Writer} saved. */
    static final class Reader extends MLReader<RedistributorModel> {
        @Override
        public RedistributorModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                RedistributorModel.class.getName());
            List<Row> lines = sparkSession().read().option("wholetext", "true")
                .text(new Path(path, "data").toString()).collectAsList();
            if (lines.size() != 1) {
                throw new IllegalArgumentException("model data at " + path + "/data must be one JSON document, found "
                    + lines.size());
            }
            Map<String, Redistributor> columns = CoreModelJson.read(lines.get(0).getString(0));
            RedistributorModel model = new RedistributorModel(metadata.uid(), new ArrayList<>(columns.values()));
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }
}
