package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.internal.Names;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueBytesStoreSupplier;
import dev.rill.streams.state.StoreSupplier;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a stateful operator keeps its state: the store's name (which makes it queryable and fixes its
 * changelog topic's name), serdes, whether it is persistent (RocksDB, the default) or in memory,
 * caching, changelogging and, for windowed stores, retention. Immutable: every {@code with...} method
 * returns a new option.
 *
 * <pre>{@code
 * KTable<String, Long> counts = stream.groupByKey()
 *     .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts")
 *         .withValueSerde(Serdes.Long())
 *         .withCachingDisabled());
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 * @param <S> store type, e.g. {@code KeyValueStore<Bytes, byte[]>}
 */
@Stable
public final class Materialized<K, V, S extends StateStore> {

    /** Where a store keeps its data when no store supplier is given. */
    @Stable
    public enum StoreType {
        /** RocksDB on local disk, with state off the heap; the default. */
        ROCKS_DB,
        /** Java heap; lost on restart and rebuilt from the changelog. */
        IN_MEMORY
    }

    private final String storeName;
    private final StoreSupplier<?> storeSupplier;
    private final StoreType storeType;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final boolean loggingEnabled;
    private final Map<String, String> logConfig;
    private final boolean cachingEnabled;
    private final Duration retention;

    private Materialized(String storeName, StoreSupplier<?> storeSupplier, StoreType storeType, Serde<K> keySerde, Serde<V> valueSerde,
                         boolean loggingEnabled, Map<String, String> logConfig, boolean cachingEnabled, Duration retention) {
        this.storeName = storeName;
        this.storeSupplier = storeSupplier;
        this.storeType = storeType;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.loggingEnabled = loggingEnabled;
        this.logConfig = logConfig;
        this.cachingEnabled = cachingEnabled;
        this.retention = retention;
    }

    private static <K, V, S extends StateStore> Materialized<K, V, S> create(String storeName, StoreSupplier<?> supplier, StoreType type,
                                                                             Serde<K> keySerde, Serde<V> valueSerde) {
        return new Materialized<>(storeName, supplier, type, keySerde, valueSerde, true, Map.of(), true, null);
    }

    /**
     * @param storeName the store's name: letters, digits, '.', '_' and '-'
     * @param <K> key type
     * @param <V> value type
     * @param <S> store type
     * @return the option
     * @throws NullPointerException if {@code storeName} is {@code null}
     * @throws IllegalArgumentException if the name is not legal
     */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(String storeName) {
        return create(Names.requireLegal(storeName, "store name"), null, null, null, null);
    }

    /**
     * @param storeType persistent or in-memory
     * @param <K> key type
     * @param <V> value type
     * @param <S> store type
     * @return the option, with a generated store name
     * @throws NullPointerException if {@code storeType} is {@code null}
     */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(StoreType storeType) {
        return create(null, null, Objects.requireNonNull(storeType, "storeType must not be null"), null, null);
    }

    /**
     * @param supplier creates the store; its name becomes the store's name
     * @param <K> key type
     * @param <V> value type
     * @return the option
     * @throws NullPointerException if {@code supplier} is {@code null}
     */
    public static <K, V> Materialized<K, V, dev.rill.streams.state.KeyValueStore<dev.rill.common.utils.Bytes, byte[]>> as(
            KeyValueBytesStoreSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier must not be null");
        return create(Names.requireLegal(supplier.name(), "store supplier's name"), supplier, null, null, null);
    }

    /**
     * @param supplier creates the window store; its name becomes the store's name, and its retention
     *     must cover the windows' size plus grace
     * @param <K> key type
     * @param <V> value type
     * @return the option
     * @throws NullPointerException if {@code supplier} is {@code null}
     */
    public static <K, V> Materialized<K, V, dev.rill.streams.state.WindowStore<dev.rill.common.utils.Bytes, byte[]>> as(
            dev.rill.streams.state.WindowBytesStoreSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier must not be null");
        return create(Names.requireLegal(supplier.name(), "store supplier's name"), supplier, null, null, null);
    }

    /**
     * @param supplier creates the session store; its name becomes the store's name
     * @param <K> key type
     * @param <V> value type
     * @return the option
     * @throws NullPointerException if {@code supplier} is {@code null}
     */
    public static <K, V> Materialized<K, V, dev.rill.streams.state.SessionStore<dev.rill.common.utils.Bytes, byte[]>> as(
            dev.rill.streams.state.SessionBytesStoreSupplier supplier) {
        Objects.requireNonNull(supplier, "supplier must not be null");
        return create(Names.requireLegal(supplier.name(), "store supplier's name"), supplier, null, null, null);
    }

    /**
     * @param keySerde the key serde, or {@code null} for the operator's or the default
     * @param valueSerde the value serde, or {@code null} for the operator's or the default
     * @param <K> key type
     * @param <V> value type
     * @param <S> store type
     * @return the option, with a generated store name
     */
    public static <K, V, S extends StateStore> Materialized<K, V, S> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return create(null, null, null, keySerde, valueSerde);
    }

    /**
     * @param keySerde the key serde, or {@code null}
     * @return a copy with the key serde
     */
    public Materialized<K, V, S> withKeySerde(Serde<K> keySerde) {
        return new Materialized<>(storeName, storeSupplier, storeType, keySerde, valueSerde, loggingEnabled, logConfig, cachingEnabled, retention);
    }

    /**
     * @param valueSerde the value serde, or {@code null}
     * @return a copy with the value serde
     */
    public Materialized<K, V, S> withValueSerde(Serde<V> valueSerde) {
        return new Materialized<>(storeName, storeSupplier, storeType, keySerde, valueSerde, loggingEnabled, logConfig, cachingEnabled, retention);
    }

    /**
     * @param storeType persistent or in-memory
     * @return a copy with the store type
     * @throws NullPointerException if {@code storeType} is {@code null}
     * @throws IllegalStateException if a store supplier was given, which fixes the store type
     */
    public Materialized<K, V, S> withStoreType(StoreType storeType) {
        Objects.requireNonNull(storeType, "storeType must not be null");
        if (storeSupplier != null) {
            throw new IllegalStateException("store '" + storeName + "' comes from a store supplier, which decides its type; "
                + "withStoreType(" + storeType + ") cannot change it");
        }
        return new Materialized<>(storeName, null, storeType, keySerde, valueSerde, loggingEnabled, logConfig, cachingEnabled, retention);
    }

    /**
     * Turns changelogging on (the default) with settings for the changelog topic.
     *
     * @param config changelog topic settings; copied
     * @return a copy with logging on
     * @throws NullPointerException if {@code config} is {@code null}
     */
    public Materialized<K, V, S> withLoggingEnabled(Map<String, String> config) {
        Objects.requireNonNull(config, "config must not be null");
        return new Materialized<>(storeName, storeSupplier, storeType, keySerde, valueSerde, true, Map.copyOf(config), cachingEnabled, retention);
    }

    /**
     * Turns changelogging off: the store is not rebuilt after its local files are lost.
     *
     * @return a copy with logging off
     */
    public Materialized<K, V, S> withLoggingDisabled() {
        return new Materialized<>(storeName, storeSupplier, storeType, keySerde, valueSerde, false, Map.of(), cachingEnabled, retention);
    }

    /**
     * Puts the task's record cache in front of the store (the default): repeated updates of a key
     * between commits reach the store and the downstream operators once.
     *
     * @return a copy with caching on
     */
    public Materialized<K, V, S> withCachingEnabled() {
        return new Materialized<>(storeName, storeSupplier, storeType, keySerde, valueSerde, loggingEnabled, logConfig, true, retention);
    }

    /**
     * Removes the record cache: every update reaches the store and is forwarded at once.
     *
     * @return a copy with caching off
     */
    public Materialized<K, V, S> withCachingDisabled() {
        return new Materialized<>(storeName, storeSupplier, storeType, keySerde, valueSerde, loggingEnabled, logConfig, false, retention);
    }

    /**
     * Sets how long a windowed store keeps windows; only windowed and session aggregations accept it.
     *
     * @param retention at least the window size plus grace period
     * @return a copy with the retention
     * @throws NullPointerException if {@code retention} is {@code null}
     * @throws IllegalArgumentException if {@code retention} is negative or does not fit in a {@code long} of milliseconds
     */
    public Materialized<K, V, S> withRetention(Duration retention) {
        Objects.requireNonNull(retention, "retention must not be null");
        long ms;
        try {
            ms = retention.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("retention " + retention + " does not fit in a long of milliseconds", e);
        }
        if (ms < 0) {
            throw new IllegalArgumentException("retention must not be negative, was " + retention);
        }
        return new Materialized<>(storeName, storeSupplier, storeType, keySerde, valueSerde, loggingEnabled, logConfig, cachingEnabled, retention);
    }

    /** @return the store name, or {@code null} if the operator generates one */
    public String storeName() {
        return storeName;
    }

    /** @return the store supplier, or {@code null} */
    public StoreSupplier<?> storeSupplier() {
        return storeSupplier;
    }

    /** @return the store type, or {@code null} for the application's default ({@code default.dsl.store}) */
    public StoreType storeType() {
        return storeType;
    }

    /** @return the key serde, or {@code null} */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** @return the value serde, or {@code null} */
    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** @return whether changes go to a changelog topic */
    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    /** @return the changelog topic settings */
    public Map<String, String> logConfig() {
        return logConfig;
    }

    /** @return whether the record cache sits in front of the store */
    public boolean cachingEnabled() {
        return cachingEnabled;
    }

    /** @return the retention, or {@code null} for the operator's default */
    public Duration retention() {
        return retention;
    }

    @Override
    public String toString() {
        return "Materialized(storeName=" + storeName + ", storeType=" + storeType + ", supplier=" + storeSupplier
            + ", logging=" + loggingEnabled + ", caching=" + cachingEnabled + ", retention=" + retention + ")";
    }
}
