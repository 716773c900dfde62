package io.redistributor.spark;

import io.redistributor.Redistributor;
import java.io.Serializable;
import java.util.Map;

/**
 * A {@link Redistributor} in a form that Java serialization ships to executors: its document in
 * the core's JSON model format, which reproduces every lattice value bit for bit. The transform
 * is rebuilt once per deserialized copy (once per executor when broadcast) and then reused for
 * every row. Copies are safe to share between tasks: the rebuilt transform is immutable, so
 * threads that race to rebuild it each get an equal one.
 */
final class ShippedRedistributor implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String json;
    private transient Redistributor redistributor;

    /**
     * @param r the transform; its distributions must be storable in the model format
     * @throws IllegalArgumentException if a distribution has a type the format cannot hold
     */
    ShippedRedistributor(Redistributor r) {
        this.json = CoreModelJson.write(Map.of("value", r));
        this.redistributor = r;
    }

    Redistributor get() {
        Redistributor r = redistributor;
        if (r == null) {
            r = CoreModelJson.read(json).values().iterator().next();
            redistributor = r;
        }
        return r;
    }
}
