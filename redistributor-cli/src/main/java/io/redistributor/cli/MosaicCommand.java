package io.redistributor.cli;

import io.redistributor.image.Image;
import io.redistributor.image.ImageFileException;
import io.redistributor.image.Photomosaic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code redistributor mosaic}: rebuilds an image from recoloured tile photos. */
@Command(name = "mosaic", header = "Rebuild an image as a photomosaic of recoloured tiles.", sortOptions = false,
    description = "Rebuild TARGET as a photomosaic: each CELL x CELL block is replaced by a tile from TILES_DIR "
        + "recoloured to match the block.")
final class MosaicCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TARGET", description = "The image to rebuild.")
    Path target;

    @Parameters(index = "1", paramLabel = "TILES_DIR", description = "Folder of tile images.")
    Path tiles;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Image to write.")
    Path output;

    @Option(names = "--cell", paramLabel = "N", defaultValue = "32",
        description = "Side of a cell in pixels, at least 4 (default: ${DEFAULT-VALUE}).")
    int cell;

    @Mixin
    TransferMixin transfer;

    @Option(names = "--force", description = "Allow the output to overwrite an input file.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (cell < 4) {
            throw CliException.usage("--cell " + cell + " must be >= 4 pixels");
        }
        if (!Files.isDirectory(tiles)) {
            throw new CliException(ExitCodes.IO, tiles + ": not a folder of tile images", null);
        }
        OutputFile.checkNotInput(output, List.of(target), force);
        if (!force && output.toAbsolutePath().normalize().startsWith(tiles.toAbsolutePath().normalize())
            && Files.exists(output)) {
            throw CliException.usage("refusing to overwrite the tile " + output + "; pass --force to allow it");
        }
        Image t = Images.read(target);
        List<Image> tileImages;
        try {
            tileImages = Photomosaic.readTiles(tiles);
        } catch (ImageFileException e) {
            throw new CliException(e.getCause() instanceof IOException ? ExitCodes.IO : ExitCodes.DATA,
                e.getMessage(), e);
        }
        Images.write(Photomosaic.build(t, tileImages, cell, transfer.options()), output);
        return ExitCodes.OK;
    }
}
