package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.internal.Names;
import dev.rill.streams.state.internal.InMemoryKeyValueBytesStoreSupplier;
import dev.rill.streams.state.internal.KeyValueStoreBuilder;
import dev.rill.streams.state.internal.RocksDBKeyValueBytesStoreSupplier;
import dev.rill.streams.state.internal.TimestampedKeyValueStoreBuilder;
import java.util.Objects;

/**
 * Factory of state stores, with the names Kafka Streams users know: suppliers create the store that
 * holds the bytes (RocksDB on disk, or in memory), builders wrap a supplier with serdes, an optional
 * cache and an optional changelog, for {@code Topology.addStateStore} or
 * {@code StreamsBuilder.addStateStore}.
 *
 * <pre>{@code
 * StoreBuilder<KeyValueStore<String, Long>> counts = Stores
 *     .keyValueStoreBuilder(Stores.persistentKeyValueStore("counts"), Serdes.String(), Serdes.Long())
 *     .withCachingEnabled();
 * }</pre>
 *
 * <p>Builders start with the changelog on and the cache off, as in Kafka Streams.
 */
@Stable
public final class Stores {
    private Stores() {
    }

    /**
     * A RocksDB key-value store: on disk under the task's state directory, keys in byte order, memory
     * drawn from the application's bounded RocksDB budget.
     *
     * @param name the store name: ASCII letters, digits, '.', '_' and '-'
     * @return the supplier
     * @throws NullPointerException if the name is {@code null}
     * @throws IllegalArgumentException if the name is not a legal name
     */
    public static KeyValueBytesStoreSupplier persistentKeyValueStore(String name) {
        return new RocksDBKeyValueBytesStoreSupplier(Names.requireLegal(name, "store name"));
    }

    /**
     * A RocksDB key-value store meant for timestamped values. Rill stores the timestamp as part of the
     * value bytes in any key-value store, so this is the same store as {@link #persistentKeyValueStore};
     * the name exists so that code written for Kafka Streams compiles unchanged.
     *
     * @param name the store name: ASCII letters, digits, '.', '_' and '-'
     * @return the supplier
     * @throws NullPointerException if the name is {@code null}
     * @throws IllegalArgumentException if the name is not a legal name
     */
    public static KeyValueBytesStoreSupplier persistentTimestampedKeyValueStore(String name) {
        return persistentKeyValueStore(name);
    }

    /**
     * A key-value store in heap memory, keys in byte order. Its content survives a restart only through
     * its changelog.
     *
     * @param name the store name: ASCII letters, digits, '.', '_' and '-'
     * @return the supplier
     * @throws NullPointerException if the name is {@code null}
     * @throws IllegalArgumentException if the name is not a legal name
     */
    public static KeyValueBytesStoreSupplier inMemoryKeyValueStore(String name) {
        return new InMemoryKeyValueBytesStoreSupplier(Names.requireLegal(name, "store name"));
    }

    /**
     * A builder of typed key-value stores over a supplier.
     *
     * @param supplier creates the bytes store
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param valueSerde the value serde, or {@code null} for the application's default
     * @param <K> key type
     * @param <V> value type
     * @return the builder, with logging on and caching off
     * @throws NullPointerException if the supplier is {@code null}
     */
    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(KeyValueBytesStoreSupplier supplier,
                                                                               Serde<K> keySerde, Serde<V> valueSerde) {
        return new KeyValueStoreBuilder<>(Objects.requireNonNull(supplier, "supplier must not be null"), keySerde, valueSerde);
    }

    /**
     * A builder of typed key-value stores whose values carry the timestamp of the record that wrote
     * them; the kind of store the DSL keeps tables in. Any key-value supplier works.
     *
     * @param supplier creates the bytes store for each task
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param valueSerde the serde of the plain values, or {@code null} for the application's default
     * @param <K> key type
     * @param <V> value type
     * @return the builder, with logging on and caching off
     * @throws NullPointerException if the supplier is {@code null}
     */
    public static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> timestampedKeyValueStoreBuilder(
            KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new TimestampedKeyValueStoreBuilder<>(Objects.requireNonNull(supplier, "supplier must not be null"), keySerde, valueSerde);
    }
}
