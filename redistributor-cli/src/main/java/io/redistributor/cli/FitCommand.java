package io.redistributor.cli;

import io.redistributor.Bandwidth;
import io.redistributor.Distribution;
import io.redistributor.KernelDensity;
import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import io.redistributor.TiePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code redistributor fit}: learns one transform per numeric CSV column and saves the model. */
@Command(name = "fit", header = "Learn per-column transforms of a CSV file onto a target distribution.",
    sortOptions = false,
    description = {
        "Learn the distribution of each selected column of DATA.csv and save, per column, the transform "
            + "onto the target distribution as MODEL.json.",
        "Missing cells (empty or nan) and blank lines are skipped; a non-numeric or infinite cell is an error.",
        "With --transform-output, the same run then transforms DATA.csv with the model, as transform would "
            + "(one start instead of two, and no model to read back)."
    })
final class FitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATA.csv", description = "CSV file with a header line.")
    Path data;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL.json",
        description = "Model file to write.")
    Path output;

    @Option(names = "--columns", split = ",", paramLabel = "NAME",
        description = "Columns to fit (default: every numeric column, judged from the first 2 MB of data).")
    List<String> columns;

    @Option(names = "--target", paramLabel = "SPEC",
        description = "Target distribution: normal:MEAN,SD | uniform:LOWER,UPPER | exponential:MEAN | … "
            + "(any family of ParametricDistribution.parse; default: ${DEFAULT-VALUE}).",
        defaultValue = "normal:0,1")
    String target;

    @Option(names = "--target-data", paramLabel = "REF.csv[:COLUMN]",
        description = "Learn the target from data instead: the named column of REF.csv for every column, or "
            + "without :COLUMN the column of the same name.")
    String targetData;

    @Option(names = "--bins", paramLabel = "N", description = "Lattice points (default: min(n, 5000)); >= 3.")
    Integer bins;

    @Option(names = "--lower", paramLabel = "A", description = "Known lower bound of the data (< every value).")
    Double lower;

    @Option(names = "--upper", paramLabel = "B", description = "Known upper bound of the data (> every value).")
    Double upper;

    @Option(names = "--subsample", paramLabel = "K", description = "Use every K-th value only.")
    Integer subsample;

    @Option(names = "--ties", paramLabel = "POLICY", defaultValue = "midpoint",
        description = "Repeated values: midpoint (equal inputs map to the middle of their mass), jitter, or "
            + "error (default: ${DEFAULT-VALUE}).")
    TiePolicy ties;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of --ties jitter.")
    long seed;

    @Option(names = "--approx-error", paramLabel = "E",
        description = "Fit approximately in one pass from KLL sketches whose rank error is at most E, in (0, 1) "
            + "(default: exact, in a few passes over the file with bounded memory).")
    Double approxError;

    @Option(names = "--kde", description = "Use a Gaussian kernel density of the data as the source "
        + "(holds every value in memory).")
    boolean kde;

    @Option(names = "--bandwidth", paramLabel = "H|scott|silverman",
        description = "Kernel bandwidth with --kde: a positive number or a rule (default: scott).")
    String bandwidth;

    @Option(names = "--transform-output", paramLabel = "OUT.csv",
        description = "Also transform DATA.csv with the fitted model into OUT.csv, byte for byte what "
            + "'transform DATA.csv --model MODEL.json -o OUT.csv' writes (OUT.csv only once the model is written).")
    Path transformOutput;

    @Option(names = "--force", description = "Allow the outputs to overwrite an input file.")
    boolean force;

    @Mixin
    CsvOptions csv;

    @Override
    public Integer call() throws Exception {
        byte delimiter = csv.delimiter();
        int threads = csv.threads();
        TargetData ref = targetData == null ? null : TargetData.parse(targetData);
        Distribution parametric = ref == null ? parseTarget(target) : null;
        List<Path> inputs = new ArrayList<>(List.of(data));
        if (ref != null) {
            inputs.add(ref.file);
        }
        OutputFile.checkNotInput(output, inputs, force);
        if (transformOutput != null) {
            OutputFile.checkNotInput(transformOutput, inputs, force);
            if (transformOutput.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
                throw CliException.usage("--transform-output " + transformOutput + " must differ from the model "
                    + "output -o " + output);
            }
        }
        LearnedDistribution.Fitter fitter = fitter();
        double rankError = rankError();
        KernelDensity.Fitter kernel = kernel();
        Path spillDir = output.toAbsolutePath().getParent();
        try (SpilledValues kept = new SpilledValues(data)) {
            Map<String, Distribution> sources = CsvFit.fit(data, delimiter, columns, "--columns", threads, fitter,
                rankError, kernel, spillDir, transformOutput == null ? null : kept);
            Map<String, Redistributor> model = model(sources, ref, parametric, delimiter, threads, spillDir);
            Map<String, String> props = properties(ref, rankError);
            if (transformOutput == null) {
                Models.write(model, props, "redistributor fit", output);
            } else {
                // The model is written on another thread while the transform runs.
                FutureTask<Void> saving = new FutureTask<>(() -> {
                    Models.write(model, props, "redistributor fit", output);
                    return null;
                });
                Thread writer = new Thread(saving, "redistributor-model-writer");
                writer.start();
                try {
                    transform(model, delimiter, threads, kept, saving);
                } finally {
                    awaitQuietly(writer);
                }
            }
        }
        return ExitCodes.OK;
    }

    /** The transform of each fitted column onto its target (parametric, or learned from --target-data). */
    private Map<String, Redistributor> model(Map<String, Distribution> sources, TargetData ref, Distribution parametric,
                                             byte delimiter, int threads, Path spillDir) throws IOException {
        Map<String, Distribution> targets = new LinkedHashMap<>();
        if (ref == null) {
            sources.keySet().forEach(name -> targets.put(name, parametric));
        } else {
            LearnedDistribution.Fitter targetFitter = LearnedDistribution.fitter().withTies(ties).withSeed(seed);
            List<String> wanted = ref.column == null ? new ArrayList<>(sources.keySet()) : List.of(ref.column);
            String role = ref.column == null ? "a fitted column, for --target-data" : "--target-data";
            Map<String, Distribution> learned = CsvFit.fit(ref.file, delimiter, wanted, role, threads, targetFitter,
                0, null, spillDir, null);
            sources.keySet().forEach(name -> targets.put(name, learned.get(ref.column == null ? name : ref.column)));
        }
        Map<String, Redistributor> model = new LinkedHashMap<>();
        sources.forEach((name, s) -> model.put(name, Redistributor.of(s, targets.get(name))));
        return model;
    }

    /** The fit options recorded in the model file. */
    private Map<String, String> properties(TargetData ref, double rankError) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("fit.data", data.getFileName().toString());
        props.put("fit.target", ref == null ? target : targetData);
        props.put("fit.ties", ties.name().toLowerCase(Locale.ROOT));
        String method = rankError > 0 ? "sketch " + rankError : "exact";
        props.put("fit.method", kde ? "kde " + (bandwidth == null ? "scott" : bandwidth) : method);
        return props;
    }

    /**
     * Transforms the fitted columns of the data into --transform-output, as the transform command
     * does; after an exact fit, with the values the fit parsed instead of parsing them again.
     */
    private void transform(Map<String, Redistributor> model, byte delimiter, int threads, SpilledValues kept,
                           FutureTask<Void> saving) throws IOException {
        List<String> names = new ArrayList<>(model.keySet());
        boolean reuse = kept.ready() && kept.names().equals(names);
        CsvTransformer transformer = new CsvTransformer(names, new ArrayList<>(model.values()), false, threads,
            reuse ? kept : null);
        try (OutputFile out = OutputFile.create(transformOutput)) {
            transformer.run(data, delimiter, "a fitted column", out.temp());
            ChunkPipeline.join(saving, " while the model was written"); // its failure is this command's
            out.commit();
        }
    }

    /** Waits for a thread to end (so that no temporary file outlives the command), keeping interrupts. */
    private static void awaitQuietly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private LearnedDistribution.Fitter fitter() {
        LearnedDistribution.Fitter f = LearnedDistribution.fitter().withTies(ties).withSeed(seed);
        try {
            if (bins != null) {
                f = f.withBins(bins);
            }
            if (lower != null) {
                f = f.withLower(lower);
            }
            if (upper != null) {
                f = f.withUpper(upper);
            }
            if (subsample != null) {
                f = f.withSubsample(subsample);
            }
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        return f;
    }

    private double rankError() {
        if (approxError == null) {
            return 0;
        }
        if (!(approxError > 0 && approxError < 1)) {
            throw CliException.usage("--approx-error " + approxError + " must be in (0, 1)");
        }
        if (kde) {
            throw CliException.usage("--approx-error and --kde cannot be combined");
        }
        return approxError;
    }

    private KernelDensity.Fitter kernel() {
        if (!kde) {
            if (bandwidth != null) {
                throw CliException.usage("--bandwidth needs --kde");
            }
            return null;
        }
        KernelDensity.Fitter k = KernelDensity.fitter();
        String b = bandwidth == null ? "scott" : bandwidth.toLowerCase(Locale.ROOT);
        if (b.equals("scott")) {
            return k.withRule(Bandwidth.SCOTT);
        }
        if (b.equals("silverman")) {
            return k.withRule(Bandwidth.SILVERMAN);
        }
        try {
            return k.withBandwidth(Double.parseDouble(bandwidth));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--bandwidth '" + bandwidth + "' must be a positive number, scott or silverman");
        }
    }

    static Distribution parseTarget(String spec) {
        try {
            return ParametricDistribution.parse(spec);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--target '" + spec + "': " + e.getMessage());
        }
    }

    /** The parsed value of --target-data. */
    static final class TargetData {
        final Path file;
        final String column;

        private TargetData(Path file, String column) {
            this.file = file;
            this.column = column;
        }

        /**
         * Parses {@code FILE} or {@code FILE:COLUMN}; an existing file whose name contains a colon
         * is taken whole.
         */
        static TargetData parse(String value) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || Files.exists(Path.of(value))) {
                return new TargetData(Path.of(value), null);
            }
            String column = value.substring(colon + 1);
            if (column.isEmpty()) {
                throw CliException.usage("--target-data '" + value + "': the column name after ':' is empty");
            }
            return new TargetData(Path.of(value.substring(0, colon)), column);
        }
    }
}
