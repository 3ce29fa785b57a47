package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.kstream.Materialized;
import dev.rill.streams.kstream.internal.DslStoreSpec;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.SessionBytesStoreSupplier;
import dev.rill.streams.state.WindowBytesStoreSupplier;
import java.time.Duration;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.state.Stores;
import java.util.Objects;

/**
 * Turns the store a DSL operator asked for ({@link DslStoreSpec}) into a store builder: the user's
 * supplier if there is one, otherwise RocksDB or in-memory as the operator's {@code Materialized} or
 * the application's {@code default.dsl.store} says, with the operator's caching and logging choices.
 */
@Internal
public final class DslStores {
    private final Materialized.StoreType defaultType;

    /**
     * @param defaultDslStore the application's {@code default.dsl.store}: {@code rocksDB} or {@code in_memory}
     * @throws IllegalArgumentException if the value is neither
     */
    public DslStores(String defaultDslStore) {
        this.defaultType = parse(defaultDslStore);
    }

    private static Materialized.StoreType parse(String value) {
        Objects.requireNonNull(value, "default.dsl.store");
        if (value.equals(StreamsConfig.ROCKS_DB)) {
            return Materialized.StoreType.ROCKS_DB;
        }
        if (value.equals(StreamsConfig.IN_MEMORY)) {
            return Materialized.StoreType.IN_MEMORY;
        }
        throw new IllegalArgumentException("default.dsl.store must be '" + StreamsConfig.ROCKS_DB + "' or '" + StreamsConfig.IN_MEMORY + "', was '" + value + "'");
    }

    /**
     * @param spec what the operator asked for
     * @return a builder of that store
     * @throws IllegalArgumentException if the operator's store supplier is of the wrong kind
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public StoreBuilder<?> builderFor(DslStoreSpec spec) {
        Materialized.StoreType type = spec.storeType() != null ? spec.storeType() : defaultType;
        if (spec.kind() == DslStoreSpec.Kind.SUPPRESSION_BUFFER) {
            // Always in memory and never cached, whatever the application's defaults.
            StoreBuilder<?> buffer = new TimeOrderedChangeBufferBuilder<>(spec.name(), (Serde) spec.keySerde(), (Serde) spec.valueSerde());
            return spec.loggingEnabled() ? buffer.withLoggingEnabled(spec.logConfig()) : buffer.withLoggingDisabled();
        }
        StoreBuilder<?> builder = switch (spec.kind()) {
            case TIMESTAMPED_KEY_VALUE -> {
                KeyValueBytesStoreSupplier supplier;
                if (spec.supplier() == null) {
                    supplier = type == Materialized.StoreType.IN_MEMORY
                        ? Stores.inMemoryKeyValueStore(spec.name()) : Stores.persistentTimestampedKeyValueStore(spec.name());
                } else if (spec.supplier() instanceof KeyValueBytesStoreSupplier kv) {
                    supplier = kv;
                } else {
                    throw wrongSupplier(spec, "KeyValueBytesStoreSupplier");
                }
                yield Stores.timestampedKeyValueStoreBuilder(supplier, (Serde) spec.keySerde(), (Serde) spec.valueSerde());
            }
            case TIMESTAMPED_WINDOW -> {
                WindowBytesStoreSupplier supplier;
                if (spec.supplier() == null) {
                    Duration retention = Duration.ofMillis(spec.retentionMs());
                    Duration size = Duration.ofMillis(spec.windowSizeMs());
                    supplier = type == Materialized.StoreType.IN_MEMORY
                        ? Stores.inMemoryWindowStore(spec.name(), retention, size, spec.retainDuplicates())
                        : Stores.persistentTimestampedWindowStore(spec.name(), retention, size, spec.retainDuplicates());
                } else if (spec.supplier() instanceof WindowBytesStoreSupplier window) {
                    supplier = window;
                } else {
                    throw wrongSupplier(spec, "WindowBytesStoreSupplier");
                }
                yield Stores.timestampedWindowStoreBuilder(supplier, (Serde) spec.keySerde(), (Serde) spec.valueSerde());
            }
            case SESSION -> {
                SessionBytesStoreSupplier supplier;
                if (spec.supplier() == null) {
                    Duration retention = Duration.ofMillis(spec.retentionMs());
                    supplier = type == Materialized.StoreType.IN_MEMORY
                        ? Stores.inMemorySessionStore(spec.name(), retention) : Stores.persistentSessionStore(spec.name(), retention);
                } else if (spec.supplier() instanceof SessionBytesStoreSupplier session) {
                    supplier = session;
                } else {
                    throw wrongSupplier(spec, "SessionBytesStoreSupplier");
                }
                yield Stores.sessionStoreBuilder(supplier, (Serde) spec.keySerde(), (Serde) spec.valueSerde());
            }
            case SUPPRESSION_BUFFER -> throw new IllegalStateException("handled above");
        };
        if (spec.loggingEnabled()) {
            builder.withLoggingEnabled(spec.logConfig());
        } else {
            builder.withLoggingDisabled();
        }
        if (spec.cachingEnabled()) {
            builder.withCachingEnabled();
        } else {
            builder.withCachingDisabled();
        }
        return builder;
    }

    private static IllegalArgumentException wrongSupplier(DslStoreSpec spec, String expected) {
        return new IllegalArgumentException("store '" + spec.name() + "' needs a " + expected + ", but Materialized was given a "
            + spec.supplier().getClass().getName());
    }
}
