package io.redistributor.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redistributor.Distribution;
import io.redistributor.KernelDensity;
import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.TiePolicy;
import java.util.List;
import java.util.Locale;

/**
 * Converts one distribution to and from its JSON object. The object's {@code "type"} member says
 * which kind it is; each kind has its own fixed set of members (see docs/model-format.md).
 */
final class DistributionCodec {

    /** Type name of a {@link LearnedDistribution}. */
    static final String LEARNED = "learned";
    /** Type name of a {@link ParametricDistribution}. */
    static final String PARAMETRIC = "parametric";
    /** Type name of a {@link KernelDensity}. */
    static final String KDE = "kde";
    /** The types this version reads, for messages. */
    static final List<String> TYPES = List.of(LEARNED, PARAMETRIC, KDE);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DistributionCodec() {
    }

    /**
     * The JSON object of a distribution.
     *
     * @throws IllegalArgumentException for a distribution class the format cannot hold
     */
    static ObjectNode write(Distribution d, String what) {
        ObjectNode o = NODES.objectNode();
        if (d instanceof LearnedDistribution l) {
            o.put("type", LEARNED);
            o.put("bins", l.bins());
            o.put("count", l.count());
            o.put("boundedBelow", l.boundedBelow());
            o.put("boundedAbove", l.boundedAbove());
            o.put("ties", l.ties().name().toLowerCase(Locale.ROOT));
            o.set("probabilities", numbers(l.probabilities()));
            o.set("values", numbers(l.values()));
        } else if (d instanceof ParametricDistribution p) {
            o.put("type", PARAMETRIC);
            o.put("family", p.family());
            ObjectNode params = o.putObject("parameters");
            List<String> names = ParametricDistribution.parameterNames(p.family());
            double[] values = p.parameters();
            for (int i = 0; i < values.length; i++) {
                params.put(names.get(i), values[i]);
            }
        } else if (d instanceof KernelDensity k) {
            // A fit is a deterministic function of the data (in order), the bandwidth and the
            // grid density, so these rebuild it exactly.
            o.put("type", KDE);
            o.put("bandwidth", k.bandwidth());
            o.put("gridDensity", k.gridDensity());
            o.set("data", numbers(k.data()));
        } else {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s (%s) cannot be stored: the model format holds the distribution types %s",
                what, d == null ? "null" : d.getClass().getName(), TYPES));
        }
        return o;
    }

    private static ArrayNode numbers(double[] values) {
        ArrayNode a = NODES.arrayNode(values.length);
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    /** Rebuilds a distribution from its JSON object. */
    static Distribution read(Field f) throws ModelFormatException {
        String type = f.text("type");
        switch (type) {
            case LEARNED:
                return readLearned(f);
            case PARAMETRIC:
                return readParametric(f);
            case KDE:
                return readKde(f);
            default:
                throw f.get("type").error(String.format(Locale.ROOT,
                    "unknown distribution type '%s'; this version reads %s", type, TYPES));
        }
    }

    private static LearnedDistribution readLearned(Field f) throws ModelFormatException {
        f.allowOnly("type", "bins", "count", "boundedBelow", "boundedAbove", "ties", "probabilities", "values");
        long bins = f.integer("bins");
        long count = f.integer("count");
        boolean below = f.bool("boundedBelow");
        boolean above = f.bool("boundedAbove");
        TiePolicy ties = tiePolicy(f);
        double[] p = f.finiteArray("probabilities");
        double[] v = f.finiteArray("values");
        // The rules a hand edit most often breaks are checked here so the message names the element;
        // ofLattice below checks the rest (spacing, bounds, ties) and names the member in its message.
        for (int i = 1; i < p.length; i++) {
            if (!(p[i] > p[i - 1])) {
                throw new ModelFormatException(f.path() + ".probabilities[" + i + "]",
                    Field.order(p[i], "> the previous probability", p[i - 1]));
            }
        }
        for (int i = 1; i < v.length; i++) {
            if (!(v[i] >= v[i - 1])) {
                throw new ModelFormatException(f.path() + ".values[" + i + "]",
                    Field.order(v[i], ">= the previous value", v[i - 1]) + "; lattice values must be non-decreasing");
            }
        }
        if (v.length != p.length) {
            throw f.get("values").error(String.format(Locale.ROOT,
                "has %d elements but probabilities has %d; they must have the same length", v.length, p.length));
        }
        long expectedBins = (long) v.length - (below ? 1 : 0) - (above ? 1 : 0);
        if (bins != expectedBins) {
            throw f.get("bins").error(String.format(Locale.ROOT,
                "is %d but the lattice holds %d order statistics (%d values, boundedBelow=%s, boundedAbove=%s)",
                bins, expectedBins, v.length, below, above));
        }
        try {
            return LearnedDistribution.ofLattice(p, v, below, above, count, ties);
        } catch (IllegalArgumentException e) {
            throw f.error("not a valid learned lattice: " + e.getMessage(), e);
        }
    }

    private static KernelDensity readKde(Field f) throws ModelFormatException {
        f.allowOnly("type", "bandwidth", "gridDensity", "data");
        double h = f.get("bandwidth").finite();
        if (!(h > 0)) {
            throw f.get("bandwidth").error(h + " must be > 0");
        }
        long grid = f.integer("gridDensity");
        if (grid < KernelDensity.MIN_GRID_DENSITY || grid > Integer.MAX_VALUE) {
            throw f.get("gridDensity").error(String.format(Locale.ROOT, "%d must be in [%d, %d]", grid,
                KernelDensity.MIN_GRID_DENSITY, Integer.MAX_VALUE));
        }
        double[] data = f.finiteArray("data");
        if (data.length == 0) {
            throw f.get("data").error("must hold at least one value");
        }
        try {
            return KernelDensity.of(data, h, (int) grid);
        } catch (IllegalArgumentException e) {
            throw f.error("not a valid kernel density: " + e.getMessage(), e);
        }
    }

    private static TiePolicy tiePolicy(Field f) throws ModelFormatException {
        String t = f.text("ties");
        for (TiePolicy policy : TiePolicy.values()) {
            if (policy.name().equalsIgnoreCase(t)) {
                return policy;
            }
        }
        throw f.get("ties").error("'" + t + "' is not a tie policy; expected one of midpoint, jitter, error");
    }

    private static ParametricDistribution readParametric(Field f) throws ModelFormatException {
        f.allowOnly("type", "family", "parameters");
        String family = f.text("family");
        List<String> names;
        try {
            names = ParametricDistribution.parameterNames(family);
        } catch (IllegalArgumentException e) {
            throw f.get("family").error(String.format(Locale.ROOT,
                "unknown family '%s'; expected one of %s", family, ParametricDistribution.families()), e);
        }
        Field params = f.object("parameters");
        params.allowOnly(names.toArray(new String[0]));
        double[] values = new double[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = params.get(names.get(i)).finite();
        }
        try {
            return ParametricDistribution.of(family, values);
        } catch (IllegalArgumentException e) {
            throw params.error(e.getMessage(), e);
        }
    }
}
