package io.redistributor.cli;

import io.redistributor.Redistributor;
import io.redistributor.io.RedistributorModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code redistributor transform}: applies a saved model to the columns of a CSV file. */
@Command(name = "transform", header = "Apply a model to the columns of a CSV file (or its inverse).",
    sortOptions = false,
    description = {
        "Transform the model's columns of DATA.csv and write OUT.csv. Every other column, the header, quoting, "
            + "line endings and row order are copied unchanged; empty and nan cells stay as they are.",
        "The file is streamed, so it may be larger than memory."
    })
final class TransformCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATA.csv", description = "CSV file with a header line.")
    Path data;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "Model written by fit.")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.csv", description = "CSV file to write.")
    Path output;

    @Option(names = "--inverse", description = "Apply the inverse transforms (target scale back to data scale).")
    boolean inverse;

    @Option(names = "--force", description = "Allow the output to overwrite an input file.")
    boolean force;

    @Mixin
    CsvOptions csv;

    @Override
    public Integer call() throws Exception {
        byte delimiter = csv.delimiter();
        int threads = csv.threads();
        OutputFile.checkNotInput(output, List.of(data, model), force);
        RedistributorModel m = Models.read(model);
        List<String> names = new ArrayList<>(m.columnNames());
        List<Redistributor> transforms = new ArrayList<>();
        names.forEach(n -> transforms.add(m.get(n)));
        CsvTransformer transformer = new CsvTransformer(names, transforms, inverse, threads);
        try (OutputFile out = OutputFile.create(output)) {
            transformer.run(data, delimiter, "a column of the model " + model, out.temp());
            out.commit();
        }
        return ExitCodes.OK;
    }
}
