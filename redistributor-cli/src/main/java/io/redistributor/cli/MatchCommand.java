package io.redistributor.cli;

import io.redistributor.image.ColorTransfer;
import io.redistributor.image.Image;
import io.redistributor.image.ImageMetrics;
import io.redistributor.image.Mask;
import io.redistributor.image.TransferOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code redistributor match}: gives images the colours of a reference. */
@Command(name = "match", header = "Give images the colours of a reference image.", sortOptions = false,
    description = {
        "Give SOURCE the colours of REFERENCE and write OUT:",
        "  redistributor match SOURCE REFERENCE -o OUT",
        "Many sources (files or folders of images) against one reference, in parallel, into OUTDIR:",
        "  redistributor match FILES_OR_DIRS... --reference REF -o OUTDIR",
        "A file that fails is reported on stderr and skipped; the others complete and the exit code is 1.",
        "The output keeps the source's size, bit depth and alpha; its format follows OUT's extension."
    })
final class MatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "SOURCE REFERENCE, or the sources with --reference.")
    List<Path> files;

    @Option(names = "--reference", paramLabel = "REF", description = "Reference image for a batch of sources.")
    Path reference;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
        description = "Output image, or output folder with --reference (created if missing).")
    Path output;

    @Mixin
    TransferMixin transfer;

    @Option(names = "--mask", paramLabel = "MASK",
        description = "Image the size of the source; its non-black pixels are the ones matched and changed.")
    Path mask;

    @Option(names = "--report", description = "Print quality metrics: W1 per CIELAB channel and sliced W1 to the "
        + "reference (lower is closer), SSIM of luminance to the source (1 keeps all structure).")
    boolean report;

    @Option(names = "--sheet", paramLabel = "FILE", description = "Also write source, reference and result side by "
        + "side (.png or .jpg).")
    Path sheet;

    @Option(names = "--threads", paramLabel = "N", description = "Images processed at once in a batch "
        + "(default: the number of processors).")
    Integer threads;

    @Option(names = "--force", description = "Allow an output to overwrite an input file.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        TransferOptions options = transfer.options();
        if (reference == null) {
            if (files.size() != 2) {
                throw CliException.usage("give SOURCE REFERENCE -o OUT, or sources with --reference REF -o OUTDIR ("
                    + files.size() + " files given)");
            }
            return single(files.get(0), files.get(1), options);
        }
        if (sheet != null) {
            throw CliException.usage("--sheet works for a single source; run match SOURCE REFERENCE --sheet FILE");
        }
        return batch(options);
    }

    private int single(Path source, Path ref, TransferOptions options) throws IOException {
        List<Path> inputs = new ArrayList<>(List.of(source, ref));
        if (mask != null) {
            inputs.add(mask);
        }
        OutputFile.checkNotInput(output, inputs, force);
        if (sheet != null) {
            OutputFile.checkNotInput(sheet, inputs, force);
        }
        Image src = Images.read(source);
        Image refImage = Images.read(ref);
        Image result = ColorTransfer.match(src, refImage, withMask(options, src));
        Images.write(result, output);
        if (sheet != null) {
            Images.sheet(sheet, src, refImage, result);
        }
        if (report) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(output + ": " + ImageMetrics.assess(result, src, refImage, options.seed()));
            out.flush();
        }
        return ExitCodes.OK;
    }

    private TransferOptions withMask(TransferOptions options, Image src) {
        if (mask == null) {
            return options;
        }
        Image m = Images.read(mask);
        if (m.width() != src.width() || m.height() != src.height()) {
            throw CliException.data(mask, 0, null, String.format(Locale.ROOT,
                "the mask is %dx%d but the source is %dx%d", m.width(), m.height(), src.width(), src.height()));
        }
        return options.withMasks(Mask.of(m), null);
    }

    private int batch(TransferOptions options) throws Exception {
        List<Path> sources = expand(files);
        Files.createDirectories(output);
        Map<Path, Path> writtenBy = new HashMap<>();
        Map<Path, Path> outputOf = new HashMap<>();
        for (Path s : sources) {
            Path o = output.resolve(s.getFileName());
            outputOf.put(s, o);
            Path before = writtenBy.put(o, s);
            if (before != null) {
                throw CliException.usage(String.format(Locale.ROOT,
                    "%s and %s would both be written to %s; match them in separate runs", before, s, o));
            }
            List<Path> inputs = new ArrayList<>(List.of(s, reference));
            if (mask != null) {
                inputs.add(mask);
            }
            OutputFile.checkNotInput(o, inputs, force);
        }
        Image refImage = Images.read(reference);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = new Progress(err, sources.size(), "images", Progress.terminal());
        int n = threads == null ? ChunkPipeline.defaultThreads() : threads;
        if (n < 1) {
            throw CliException.usage("--threads " + n + " must be >= 1");
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (Path s : sources) {
                results.add(pool.submit(() -> {
                    try {
                        Image src = Images.read(s);
                        Image result = ColorTransfer.match(src, refImage, withMask(options, src));
                        Images.write(result, outputOf.get(s));
                        return report ? ImageMetrics.assess(result, src, refImage, options.seed()).toString() : "";
                    } finally {
                        progress.step(1);
                    }
                }));
            }
            int failed = 0;
            for (int i = 0; i < sources.size(); i++) {
                try {
                    String metrics = results.get(i).get();
                    if (report) {
                        out.println(outputOf.get(sources.get(i)) + ": " + metrics);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                    Throwable cause = e.getCause();
                    err.println(spec.qualifiedName() + ": " + sources.get(i) + ": skipped: " + Cli.message(cause));
                }
            }
            progress.finish();
            out.flush();
            err.flush();
            if (failed > 0) {
                err.println(String.format(Locale.ROOT, "%s: %d of %d images failed", spec.qualifiedName(), failed,
                    sources.size()));
                err.flush();
                return ExitCodes.PARTIAL;
            }
            return ExitCodes.OK;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Files as given, folders replaced by their image files in name order. */
    static List<Path> expand(List<Path> given) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : given) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    out.addAll(s.filter(f -> Files.isRegularFile(f) && Images.isImageName(f)).sorted()
                        .collect(Collectors.toList()));
                }
            } else {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw CliException.usage("no image files in " + given);
        }
        return out;
    }
}
