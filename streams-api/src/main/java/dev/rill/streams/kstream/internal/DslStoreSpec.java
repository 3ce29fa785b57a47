package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.state.StoreSupplier;
import java.util.Map;
import java.util.Objects;

/**
 * What a stateful DSL operator asked of its store, before the runtime picks the implementation:
 * the store's kind, name and serdes, and the {@link Materialized} choices. The runtime turns it into a
 * store builder, using the application's {@code default.dsl.store} when neither a supplier nor a
 * store type was given.
 *
 * @param kind key-value (timestamped), window (timestamped) or session
 * @param name the store name
 * @param keySerde the key serde, or {@code null} for the application's default
 * @param valueSerde the value serde, or {@code null} for the application's default
 * @param supplier the user's store supplier, or {@code null}
 * @param storeType the requested store type, or {@code null} for the application's default
 * @param cachingEnabled whether the record cache sits in front of the store
 * @param loggingEnabled whether changes go to a changelog topic
 * @param logConfig changelog topic settings
 * @param retentionMs how long windows or sessions are kept, in milliseconds; 0 for key-value stores
 * @param windowSizeMs the window size in milliseconds, for window stores; 0 otherwise
 * @param retainDuplicates whether a window store keeps every value put for the same key and window
 */
@Internal
public record DslStoreSpec(Kind kind, String name, Serde<?> keySerde, Serde<?> valueSerde, StoreSupplier<?> supplier,
                           Materialized.StoreType storeType, boolean cachingEnabled, boolean loggingEnabled,
                           Map<String, String> logConfig, long retentionMs, long windowSizeMs, boolean retainDuplicates) {

    /** The kinds of store the DSL uses. */
    public enum Kind {
        /** {@code TimestampedKeyValueStore}: tables and non-windowed aggregations. */
        TIMESTAMPED_KEY_VALUE,
        /** {@code TimestampedWindowStore}: time-windowed and sliding-window aggregations. */
        TIMESTAMPED_WINDOW,
        /** {@code SessionStore}: session-windowed aggregations. */
        SESSION,
        /** {@code TimeOrderedChangeBuffer}: the in-memory buffer of {@code KTable.suppress}. */
        SUPPRESSION_BUFFER
    }

    /** Checks the fields. */
    public DslStoreSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        logConfig = Map.copyOf(logConfig);
    }

    /**
     * A key-value store spec from an operator's {@link Materialized}.
     *
     * @param name the resolved store name
     * @param materialized the user's choices
     * @param keySerde the resolved key serde, or {@code null}
     * @param valueSerde the resolved value serde, or {@code null}
     * @return the spec
     */
    static DslStoreSpec keyValue(String name, Materialized<?, ?, ?> materialized, Serde<?> keySerde, Serde<?> valueSerde) {
        return new DslStoreSpec(Kind.TIMESTAMPED_KEY_VALUE, name, keySerde, valueSerde, materialized.storeSupplier(),
            materialized.storeType(), materialized.cachingEnabled(), materialized.loggingEnabled(), materialized.logConfig(), 0, 0, false);
    }

    /**
     * A timestamped window store spec.
     *
     * @param name the resolved store name
     * @param materialized the user's choices
     * @param keySerde the resolved key serde, or {@code null}
     * @param valueSerde the resolved value serde, or {@code null}
     * @param retentionMs how long windows are kept, in milliseconds
     * @param windowSizeMs the window size in milliseconds
     * @return the spec
     */
    static DslStoreSpec window(String name, Materialized<?, ?, ?> materialized, Serde<?> keySerde, Serde<?> valueSerde,
                               long retentionMs, long windowSizeMs) {
        return new DslStoreSpec(Kind.TIMESTAMPED_WINDOW, name, keySerde, valueSerde, materialized.storeSupplier(),
            materialized.storeType(), materialized.cachingEnabled(), materialized.loggingEnabled(), materialized.logConfig(),
            retentionMs, windowSizeMs, false);
    }

    /**
     * The buffer of a suppression: always in memory, never cached, logged as the suppression's buffer
     * configuration says.
     *
     * @param name the store name
     * @param keySerde the table's key serde, or {@code null} for the application's default
     * @param valueSerde the table's value serde, or {@code null} for the application's default
     * @param buffer the buffer configuration
     * @return the spec
     */
    static DslStoreSpec suppressionBuffer(String name, Serde<?> keySerde, Serde<?> valueSerde, BufferSpec buffer) {
        return new DslStoreSpec(Kind.SUPPRESSION_BUFFER, name, keySerde, valueSerde, null, Materialized.StoreType.IN_MEMORY,
            false, buffer.loggingEnabled(), buffer.logConfig(), 0, 0, false);
    }

    /**
     * A session store spec.
     *
     * @param name the resolved store name
     * @param materialized the user's choices
     * @param keySerde the resolved key serde, or {@code null}
     * @param valueSerde the resolved value serde, or {@code null}
     * @param retentionMs how long sessions are kept, in milliseconds
     * @return the spec
     */
    static DslStoreSpec session(String name, Materialized<?, ?, ?> materialized, Serde<?> keySerde, Serde<?> valueSerde, long retentionMs) {
        return new DslStoreSpec(Kind.SESSION, name, keySerde, valueSerde, materialized.storeSupplier(),
            materialized.storeType(), materialized.cachingEnabled(), materialized.loggingEnabled(), materialized.logConfig(),
            retentionMs, 0, false);
    }
}
