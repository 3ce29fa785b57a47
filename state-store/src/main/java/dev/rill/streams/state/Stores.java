package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.internal.Names;
import dev.rill.streams.state.internal.InMemoryKeyValueBytesStoreSupplier;
import dev.rill.streams.state.internal.KeyValueStoreBuilder;
import dev.rill.streams.state.internal.RocksDBKeyValueBytesStoreSupplier;
import dev.rill.streams.state.internal.TimestampedKeyValueStoreBuilder;
import dev.rill.streams.state.internal.SegmentedSessionBytesStoreSupplier;
import dev.rill.streams.state.internal.SegmentedWindowBytesStoreSupplier;
import dev.rill.streams.state.internal.SessionStoreBuilder;
import dev.rill.streams.state.internal.TimestampedWindowStoreBuilder;
import dev.rill.streams.state.internal.WindowStoreBuilder;
import java.time.Duration;
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
 *
 * <p>Window and session stores keep their entries by time and drop them once they are older than their
 * retention period, measured in stream time. Persistent ones split time into segments of
 * {@code max(retentionPeriod / 2, 60 s)}, each a RocksDB column family dropped as a whole when it expires.
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
     * A RocksDB window store: windows by key and start time, on disk under the task's state directory, one
     * column family per time segment of {@code max(retentionPeriod / 2, 60 s)}.
     *
     * @param name the store name: ASCII letters, digits, '.', '_' and '-'
     * @param retentionPeriod how long a window is kept, in stream time; at least {@code windowSize}
     * @param windowSize the size of the windows, not negative
     * @param retainDuplicates whether to keep every put (for stream-stream joins) instead of overwriting
     * @return the supplier
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the name is not legal, a duration is negative or does not fit in
     *     milliseconds, or the retention period is shorter than the window size
     */
    public static WindowBytesStoreSupplier persistentWindowStore(String name, Duration retentionPeriod, Duration windowSize,
                                                                 boolean retainDuplicates) {
        return windowSupplier(name, retentionPeriod, windowSize, retainDuplicates, true);
    }

    /**
     * A RocksDB window store for {@link #timestampedWindowStoreBuilder}: as
     * {@link #persistentWindowStore}; the builder stores each value with its timestamp.
     *
     * @param name the store name: ASCII letters, digits, '.', '_' and '-'
     * @param retentionPeriod how long a window is kept, in stream time; at least {@code windowSize}
     * @param windowSize the size of the windows, not negative
     * @param retainDuplicates whether to keep every put instead of overwriting
     * @return the supplier
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the name is not legal, a duration is negative or does not fit in
     *     milliseconds, or the retention period is shorter than the window size
     */
    public static WindowBytesStoreSupplier persistentTimestampedWindowStore(String name, Duration retentionPeriod,
                                                                            Duration windowSize, boolean retainDuplicates) {
        return windowSupplier(name, retentionPeriod, windowSize, retainDuplicates, true);
    }

    /**
     * A window store in heap memory. Its content survives a restart only through its changelog.
     *
     * @param name the store name: ASCII letters, digits, '.', '_' and '-'
     * @param retentionPeriod how long a window is kept, in stream time; at least {@code windowSize}
     * @param windowSize the size of the windows, not negative
     * @param retainDuplicates whether to keep every put instead of overwriting
     * @return the supplier
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the name is not legal, a duration is negative or does not fit in
     *     milliseconds, or the retention period is shorter than the window size
     */
    public static WindowBytesStoreSupplier inMemoryWindowStore(String name, Duration retentionPeriod, Duration windowSize,
                                                               boolean retainDuplicates) {
        return windowSupplier(name, retentionPeriod, windowSize, retainDuplicates, false);
    }

    private static WindowBytesStoreSupplier windowSupplier(String name, Duration retentionPeriod, Duration windowSize,
                                                           boolean retainDuplicates, boolean persistent) {
        String legal = Names.requireLegal(name, "store name");
        long retentionMs = millis(retentionPeriod, "retentionPeriod", legal);
        long windowSizeMs = millis(windowSize, "windowSize", legal);
        if (windowSizeMs > retentionMs) {
            throw new IllegalArgumentException("The retention period of window store '" + legal + "' must be no smaller"
                + " than its window size: got windowSize=" + windowSizeMs + " ms, retentionPeriod=" + retentionMs + " ms");
        }
        return new SegmentedWindowBytesStoreSupplier(legal, retentionMs, persistent ? segmentInterval(retentionMs) : 1L,
            windowSizeMs, retainDuplicates, persistent);
    }

    /** Kafka Streams' default segment interval: half the retention, at least a minute. */
    private static long segmentInterval(long retentionMs) {
        return Math.max(retentionMs / 2, 60_000L);
    }

    private static long millis(Duration duration, String what, String store) {
        Objects.requireNonNull(duration, () -> what + " of store '" + store + "' must not be null");
        long ms;
        try {
            ms = duration.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " of store '" + store + "' (" + duration + ") does not fit in milliseconds", e);
        }
        if (ms < 0) {
            throw new IllegalArgumentException(what + " of store '" + store + "' must not be negative, got " + duration);
        }
        return ms;
    }

    /**
     * A builder of typed window stores over a supplier.
     *
     * @param supplier creates the bytes store
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param valueSerde the value serde, or {@code null} for the application's default
     * @param <K> key type
     * @param <V> value type
     * @return the builder, with logging on and caching off
     * @throws NullPointerException if the supplier is {@code null}
     */
    public static <K, V> StoreBuilder<WindowStore<K, V>> windowStoreBuilder(WindowBytesStoreSupplier supplier,
                                                                           Serde<K> keySerde, Serde<V> valueSerde) {
        return new WindowStoreBuilder<>(Objects.requireNonNull(supplier, "supplier must not be null"), keySerde, valueSerde);
    }

    /**
     * A builder of timestamped window stores over a supplier: values are stored, and logged, as the 8-byte
     * timestamp followed by the serialized value.
     *
     * @param supplier creates the bytes store
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param valueSerde the serde of the plain values, or {@code null} for the application's default
     * @param <K> key type
     * @param <V> value type
     * @return the builder, with logging on and caching off
     * @throws NullPointerException if the supplier is {@code null}
     */
    public static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> timestampedWindowStoreBuilder(
        WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new TimestampedWindowStoreBuilder<>(Objects.requireNonNull(supplier, "supplier must not be null"), keySerde, valueSerde);
    }

    /**
     * A RocksDB session store: sessions by key and window, on disk under the task's state directory, one
     * column family per time segment (of session ends) of {@code max(retentionPeriod / 2, 60 s)}.
     *
     * @param name the store name: ASCII letters, digits, '.', '_' and '-'
     * @param retentionPeriod how long a session is kept after it ends, in stream time
     * @return the supplier
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the name is not legal or the retention period is negative or does
     *     not fit in milliseconds
     */
    public static SessionBytesStoreSupplier persistentSessionStore(String name, Duration retentionPeriod) {
        String legal = Names.requireLegal(name, "store name");
        long retentionMs = millis(retentionPeriod, "retentionPeriod", legal);
        return new SegmentedSessionBytesStoreSupplier(legal, retentionMs, segmentInterval(retentionMs), true);
    }

    /**
     * A session store in heap memory. Its content survives a restart only through its changelog.
     *
     * @param name the store name: ASCII letters, digits, '.', '_' and '-'
     * @param retentionPeriod how long a session is kept after it ends, in stream time
     * @return the supplier
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if the name is not legal or the retention period is negative or does
     *     not fit in milliseconds
     */
    public static SessionBytesStoreSupplier inMemorySessionStore(String name, Duration retentionPeriod) {
        String legal = Names.requireLegal(name, "store name");
        long retentionMs = millis(retentionPeriod, "retentionPeriod", legal);
        return new SegmentedSessionBytesStoreSupplier(legal, retentionMs, 1L, false);
    }

    /**
     * A builder of typed session stores over a supplier.
     *
     * @param supplier creates the bytes store
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param aggregateSerde the aggregate serde, or {@code null} for the application's default
     * @param <K> key type
     * @param <AGG> aggregate type
     * @return the builder, with logging on and caching off
     * @throws NullPointerException if the supplier is {@code null}
     */
    public static <K, AGG> StoreBuilder<SessionStore<K, AGG>> sessionStoreBuilder(SessionBytesStoreSupplier supplier,
                                                                                Serde<K> keySerde, Serde<AGG> aggregateSerde) {
        return new SessionStoreBuilder<>(Objects.requireNonNull(supplier, "supplier must not be null"), keySerde, aggregateSerde);
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
