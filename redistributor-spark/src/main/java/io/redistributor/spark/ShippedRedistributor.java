package io.redistributor.spark;

import io.redistributor.Distribution;
import io.redistributor.LearnedDistribution;
import io.redistributor.ParametricDistribution;
import io.redistributor.Redistributor;
import io.redistributor.TiePolicy;
import java.io.Serializable;

/**
 * A {@link Redistributor} in a form that Java serialization ships to executors: the lattice
 * arrays of a learned distribution or the spec of a parametric one. The transform is rebuilt once
 * per executor JVM task deserialization and then reused for every row.
 */
final class ShippedRedistributor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Form source;
    private final Form target;
    private transient Redistributor redistributor;

    ShippedRedistributor(Redistributor r) {
        this.source = Form.of(r.source());
        this.target = Form.of(r.target());
        this.redistributor = r;
    }

    Redistributor get() {
        Redistributor r = redistributor;
        if (r == null) {
            r = Redistributor.of(source.build(), target.build());
            redistributor = r;
        }
        return r;
    }

    /** The serializable description of one distribution. */
    private static final class Form implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String spec;
        private final double[] probabilities;
        private final double[] values;
        private final boolean boundedBelow;
        private final boolean boundedAbove;
        private final long count;
        private final TiePolicy ties;

        private Form(String spec, LearnedDistribution d) {
            this.spec = spec;
            this.probabilities = d == null ? null : d.probabilities();
            this.values = d == null ? null : d.values();
            this.boundedBelow = d != null && d.boundedBelow();
            this.boundedAbove = d != null && d.boundedAbove();
            this.count = d == null ? 0 : d.count();
            this.ties = d == null ? null : d.ties();
        }

        static Form of(Distribution d) {
            if (d instanceof ParametricDistribution) {
                return new Form(((ParametricDistribution) d).spec(), null);
            }
            if (d instanceof LearnedDistribution) {
                return new Form(null, (LearnedDistribution) d);
            }
            throw new IllegalArgumentException("distribution " + d.getClass().getName()
                + " cannot be shipped to Spark executors; use a learned or parametric distribution");
        }

        Distribution build() {
            if (spec != null) {
                return ParametricDistribution.parse(spec);
            }
            return LearnedDistribution.ofLattice(probabilities, values, boundedBelow, boundedAbove, count, ties);
        }
    }
}
