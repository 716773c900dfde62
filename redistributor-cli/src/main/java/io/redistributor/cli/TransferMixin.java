package io.redistributor.cli;

import io.redistributor.image.Method;
import io.redistributor.image.Space;
import io.redistributor.image.TransferOptions;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The colour-transfer options shared by match and mosaic (a picocli mixin). */
final class TransferMixin {
    @Option(names = "--method", paramLabel = "METHOD", converter = MethodConverter.class,
        completionCandidates = MethodNames.class,
        description = "Transfer method: ${COMPLETION-CANDIDATES} (default: the image module's, joint).")
    Method method;

    @Option(names = "--space", paramLabel = "SPACE", converter = SpaceConverter.class,
        completionCandidates = SpaceNames.class,
        description = "Colour space: ${COMPLETION-CANDIDATES} (default: rgb).")
    Space space;

    @Option(names = "--regrain", description = "Restore the source's gradients after the transfer.")
    boolean regrain;

    @Option(names = "--strength", paramLabel = "S", defaultValue = "1",
        description = "Blend between source (0) and full transfer (1); default ${DEFAULT-VALUE}.")
    double strength;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
        description = "Seed of every random choice (same seed, same output); default ${DEFAULT-VALUE}.")
    long seed;

    /**
     * The options for the image module.
     *
     * @return the transfer options
     * @throws CliException (usage) if a value is out of range
     */
    TransferOptions options() {
        TransferOptions o = TransferOptions.defaults();
        try {
            if (method != null) {
                o = o.withMethod(method);
            }
            if (space != null) {
                o = o.withSpace(space);
            }
            return o.withRegrain(regrain).withStrength(strength).withSeed(seed);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /** Lower-case, hyphenated spelling of an enum constant: PER_CHANNEL → per-channel. */
    static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String option) {
        for (E e : type.getEnumConstants()) {
            if (spelling(e).equals(value.toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return e;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s '%s' is not one of %s", option, value,
            names(type)));
    }

    static <E extends Enum<E>> List<String> names(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(TransferMixin::spelling).toList();
    }

    /** Converts --method values. */
    static final class MethodConverter implements ITypeConverter<Method> {
        @Override
        public Method convert(String value) {
            return parse(Method.class, value, "--method");
        }
    }

    /** Converts --space values. */
    static final class SpaceConverter implements ITypeConverter<Space> {
        @Override
        public Space convert(String value) {
            return parse(Space.class, value, "--space");
        }
    }

    /** The --method spellings for help and completion. */
    static final class MethodNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names(Method.class).iterator();
        }
    }

    /** The --space spellings for help and completion. */
    static final class SpaceNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names(Space.class).iterator();
        }
    }
}
