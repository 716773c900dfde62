package io.redistributor.cli;

import io.redistributor.Distribution;
import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import io.redistributor.io.RedistributorModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code redistributor inspect}: a readable summary of a model file. */
@Command(name = "inspect", header = "Summarize a model file.",
    description = "Print a summary of MODEL.json: per column the source (bins, samples, support, tie policy) "
        + "and the target.")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.json", description = "Model written by fit.")
    Path model;

    @Override
    public Integer call() throws Exception {
        RedistributorModel m = Models.read(model);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "model %s: %d column%s, written by library version %s%n", model, m.size(),
            m.size() == 1 ? "" : "s", m.libraryVersion());
        m.creation().ifPresent(c -> out.printf(Locale.ROOT, "created by %s at %s%n", c.by(), c.at()));
        m.properties().forEach((k, v) -> out.printf(Locale.ROOT, "  %s = %s%n", k, v));
        for (String name : m.columnNames()) {
            Redistributor r = m.get(name);
            out.printf(Locale.ROOT, "column '%s'%n", name);
            out.printf(Locale.ROOT, "  source: %s%n", describe(r.source()));
            out.printf(Locale.ROOT, "  target: %s%n", describe(r.target()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * One line describing a distribution.
     *
     * @param d the distribution
     * @return the description
     */
    static String describe(Distribution d) {
        String support = String.format(Locale.ROOT, "support [%s, %s]", num(d.supportLower()), num(d.supportUpper()));
        if (d instanceof LearnedDistribution) {
            LearnedDistribution l = (LearnedDistribution) d;
            return String.format(Locale.ROOT, "learned, %d bins from %d samples, %s%s%s, ties %s%s", l.bins(),
                l.count(), support, l.boundedBelow() ? ", lower bound given" : "",
                l.boundedAbove() ? ", upper bound given" : "", l.ties().name().toLowerCase(Locale.ROOT),
                l.hasTies() ? " (has repeated values)" : "");
        }
        if (d instanceof ParametricDistribution) {
            return ((ParametricDistribution) d).spec() + ", " + support;
        }
        return d.getClass().getSimpleName() + ", " + support;
    }

    private static String num(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "+inf" : "-inf") : Double.toString(v);
    }
}
