package io.redistributor.io;

import io.redistributor.Redistributor;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A fitted model: an ordered set of named columns, each a {@link Redistributor} (source and
 * target), with metadata. This is what {@link ModelIO} saves and loads; its JSON form is
 * described in docs/model-format.md.
 *
 * <p>Column names are non-empty and unique; their order is kept. The metadata are the library
 * version that wrote the model, an optional {@link Creation} (who made it and when) and free
 * string properties (for example the options of the fit), all kept across a save and a load.
 *
 * <p>Instances are immutable. Build one with {@link #builder()} or {@link #single(Redistributor)}.
 */
public final class RedistributorModel {

    /** Column name used by {@link #single(Redistributor)}. */
    public static final String DEFAULT_COLUMN = "value";

    /**
     * Who or what created a model, and when.
     *
     * @param by free text, e.g. {@code "redistributor-cli fit --target normal:0,1"}; not null
     * @param at the time of creation; not null
     */
    public record Creation(String by, Instant at) {
        /**
         * Checks the components.
         *
         * @param by free text, not null
         * @param at the time, not null
         * @throws IllegalArgumentException if either is null
         */
        public Creation {
            if (by == null || at == null) {
                throw new IllegalArgumentException("creation: by (" + by + ") and at (" + at + ") must not be null");
            }
        }
    }

    private final Map<String, Redistributor> columns;
    private final String libraryVersion;
    private final Creation creation;
    private final Map<String, String> properties;

    private RedistributorModel(Builder b) {
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(b.columns));
        this.libraryVersion = b.libraryVersion;
        this.creation = b.creation;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    }

    /**
     * A model of one transform, in a column named {@value #DEFAULT_COLUMN}.
     *
     * @param transform the transform
     * @return the model
     * @throws IllegalArgumentException if transform is null
     */
    public static RedistributorModel single(Redistributor transform) {
        return builder().add(DEFAULT_COLUMN, transform).build();
    }

    /**
     * A builder with no columns, this library's version and no creation information.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The columns in order, by name.
     *
     * @return an unmodifiable ordered map
     */
    public Map<String, Redistributor> columns() {
        return columns;
    }

    /**
     * The column names in order.
     *
     * @return an unmodifiable list
     */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /**
     * The number of columns (at least 1).
     *
     * @return the column count
     */
    public int size() {
        return columns.size();
    }

    /**
     * The transform of a column.
     *
     * @param name a column name
     * @return its transform
     * @throws IllegalArgumentException if there is no such column
     */
    public Redistributor get(String name) {
        Redistributor r = columns.get(name);
        if (r == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "column '%s' is not in the model; its columns are %s", name, columns.keySet()));
        }
        return r;
    }

    /**
     * The transform of a model with exactly one column.
     *
     * @return the only transform
     * @throws IllegalStateException if the model has more than one column
     */
    public Redistributor only() {
        if (columns.size() != 1) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                "the model has %d columns %s; name the one to use", columns.size(), columns.keySet()));
        }
        return columns.values().iterator().next();
    }

    /**
     * The version of the library that wrote the model ({@code "unknown"} when it could not be
     * determined).
     *
     * @return the library version
     */
    public String libraryVersion() {
        return libraryVersion;
    }

    /**
     * Who created the model and when, if recorded.
     *
     * @return the creation information, or empty
     */
    public Optional<Creation> creation() {
        return Optional.ofNullable(creation);
    }

    /**
     * Free string properties, in insertion order.
     *
     * @return an unmodifiable map
     */
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RedistributorModel[columns=%s, libraryVersion=%s]", columns.keySet(),
            libraryVersion);
    }

    /** Collects the columns and metadata of a model. Not thread-safe; build once. */
    public static final class Builder {
        private final Map<String, Redistributor> columns = new LinkedHashMap<>();
        private String libraryVersion = LibraryVersion.get();
        private Creation creation;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Appends a column.
         *
         * @param name a non-empty name not used yet
         * @param transform its transform
         * @return this builder
         * @throws IllegalArgumentException if the name is null, empty or taken, or transform is null
         */
        public Builder add(String name, Redistributor transform) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("column name (" + name + ") must be a non-empty string");
            }
            if (transform == null) {
                throw new IllegalArgumentException("transform of column '" + name + "' must not be null");
            }
            if (columns.containsKey(name)) {
                throw new IllegalArgumentException("column name '" + name + "' is used twice; names must be unique");
            }
            columns.put(name, transform);
            return this;
        }

        /**
         * Records who created the model and when.
         *
         * @param by free text, e.g. the command line
         * @param at the time
         * @return this builder
         * @throws IllegalArgumentException if either is null
         */
        public Builder creation(String by, Instant at) {
            this.creation = new Creation(by, at);
            return this;
        }

        /**
         * Sets a free string property (replacing an earlier value of the key).
         *
         * @param key a non-empty key
         * @param value the value, not null
         * @return this builder
         * @throws IllegalArgumentException if key is null or empty, or value is null
         */
        public Builder property(String key, String value) {
            if (key == null || key.isEmpty() || value == null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "property key (%s) must be non-empty and its value (%s) not null", key, value));
            }
            properties.put(key, value);
            return this;
        }

        /**
         * Overrides the library version recorded in the model (used when a model is read back).
         *
         * @param version the version text, not empty
         * @return this builder
         * @throws IllegalArgumentException if version is null or empty
         */
        public Builder libraryVersion(String version) {
            if (version == null || version.isEmpty()) {
                throw new IllegalArgumentException("libraryVersion (" + version + ") must be a non-empty string");
            }
            this.libraryVersion = version;
            return this;
        }

        /**
         * Builds the model.
         *
         * @return the model
         * @throws IllegalStateException if no column was added
         */
        public RedistributorModel build() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("a model needs at least one column");
            }
            return new RedistributorModel(this);
        }
    }
}
