package io.redistributor.cli;

import io.redistributor.image.Augmentation;
import io.redistributor.image.Image;
import io.redistributor.image.TransferOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code redistributor augment}: seeded colour variants of an image for data augmentation. */
@Command(name = "augment", header = "Write seeded colour variants of an image.", sortOptions = false,
    description = {
        "Write K colour variants of IMAGE into OUTDIR as NAME-1.EXT … NAME-K.EXT.",
        "Each variant redistributes every channel onto a random beta distribution (or, with --references, "
            + "matches a randomly drawn reference). The same seed gives the same variants."
    })
final class AugmentCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image.")
    Path image;

    @Option(names = "-n", required = true, paramLabel = "K", description = "Number of variants, at least 1.")
    int k;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTDIR",
        description = "Folder for the variants (created if missing).")
    Path output;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--references", paramLabel = "DIR", description = "Folder of reference images to draw from.")
    Path references;

    @Option(names = "--force", description = "Allow a variant to overwrite an input file.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw CliException.usage("-n " + k + " must be >= 1");
        }
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : ".png";
        List<Path> outs = new ArrayList<>();
        for (int i = 1; i <= k; i++) {
            Path o = output.resolve(String.format(Locale.ROOT, "%s-%d%s", stem, i, ext));
            OutputFile.checkNotInput(o, List.of(image), force);
            outs.add(o);
        }
        Image src = Images.read(image);
        List<Image> variants;
        if (references == null) {
            variants = Augmentation.fromRandomTargets(src, k, seed);
        } else {
            List<Image> refs = new ArrayList<>();
            for (Path p : MatchCommand.expand(List.of(references))) {
                refs.add(Images.read(p));
            }
            variants = Augmentation.fromReferences(src, refs, k, seed, TransferOptions.defaults());
        }
        Files.createDirectories(output);
        for (int i = 0; i < k; i++) {
            Images.write(variants.get(i), outs.get(i));
        }
        return ExitCodes.OK;
    }
}
