package io.redistributor.cli.serve;

import io.redistributor.image.Method;
import io.redistributor.image.Space;
import io.redistributor.image.TransferOptions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parameters of {@code POST /api/match}: {@code source} and {@code reference} (image ids),
 * {@code method}, {@code space}, {@code regrain}, {@code strength}, {@code seed} (as the
 * {@code match} command spells them) and {@code wait}. Unknown names are refused so that a typing
 * mistake is not silently ignored.
 */
final class Params {
    static final Set<String> KNOWN = Set.of("source", "reference", "method", "space", "regrain", "strength", "seed",
        "wait");

    private Params() {
    }

    /**
     * The transfer options from the parameters, starting from the image module's defaults.
     *
     * @throws ApiException 400 naming the parameter, the value and the rule
     */
    static TransferOptions options(Map<String, String> p) {
        for (String k : p.keySet()) {
            if (!KNOWN.contains(k)) {
                throw ApiException.badParameter(String.format(Locale.ROOT, "unknown parameter '%s' (known: %s)",
                    Workspace.clip(k), KNOWN.stream().sorted().collect(Collectors.joining(", "))));
            }
        }
        TransferOptions o = TransferOptions.defaults();
        if (p.containsKey("method")) {
            o = o.withMethod(parse(Method.class, p.get("method"), "method"));
        }
        if (p.containsKey("space")) {
            o = o.withSpace(parse(Space.class, p.get("space"), "space"));
        }
        o = o.withRegrain(flag(p, "regrain"));
        if (p.containsKey("strength")) {
            double s = number(p.get("strength"), "strength");
            if (!(s >= 0 && s <= 1)) {
                throw ApiException.badParameter(String.format(Locale.ROOT, "strength (%s) must be in [0, 1]", s));
            }
            o = o.withStrength(s);
        }
        if (p.containsKey("seed")) {
            try {
                o = o.withSeed(Long.parseLong(p.get("seed").strip()));
            } catch (NumberFormatException e) {
                throw ApiException.badParameter(String.format(Locale.ROOT,
                    "seed '%s' must be a whole number from %d to %d", Workspace.clip(p.get("seed")), Long.MIN_VALUE,
                    Long.MAX_VALUE));
            }
        }
        return o;
    }

    /** A required parameter. */
    static String required(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw ApiException.badParameter(String.format(Locale.ROOT, "parameter '%s' is required", name));
        }
        return v.strip();
    }

    /** A true/false parameter (absent = false; "1", "on", "yes" are true too). */
    static boolean flag(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null) {
            return false;
        }
        switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "on": case "yes": case "":
                return true;
            case "false": case "0": case "off": case "no":
                return false;
            default:
                throw ApiException.badParameter(String.format(Locale.ROOT, "%s '%s' must be true or false", name,
                    Workspace.clip(v)));
        }
    }

    private static double number(String v, String name) {
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(String.format(Locale.ROOT, "%s '%s' is not a number", name,
                Workspace.clip(v)));
        }
    }

    /** Lower-case, hyphenated spelling of an option: PER_CHANNEL → per-channel. */
    static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The spellings of an option's values. */
    static List<String> spellings(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Params::spelling).collect(Collectors.toList());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
        String v = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (E e : type.getEnumConstants()) {
            if (spelling(e).equals(v)) {
                return e;
            }
        }
        throw ApiException.badParameter(String.format(Locale.ROOT, "%s '%s' is not one of %s", name,
            Workspace.clip(value), spellings(type)));
    }

    /** The options as the API shows them. */
    static Map<String, Object> toJson(TransferOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", spelling(o.method()));
        m.put("space", spelling(o.space()));
        m.put("regrain", o.regrain());
        m.put("strength", o.strength());
        m.put("seed", o.seed());
        return m;
    }
}
