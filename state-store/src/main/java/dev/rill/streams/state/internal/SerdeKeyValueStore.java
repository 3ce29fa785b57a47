package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Deserializer;
import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serializer;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.internal.CachedStateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The typed, outermost layer of a key-value store: what processors and tests get. It serializes keys
 * and values into the bytes layers below (cache, changelog, bytes store) and deserializes what they
 * return. Serialization uses the changelog topic {@code <application.id>-<store>-changelog} as topic
 * name, whether or not logging is on, so topic-aware serdes see the same name for every write.
 *
 * <p>A {@code null} value is passed down as a deletion without calling the value serializer, so
 * {@code put(k, null)} deletes whatever the serializer would make of {@code null}. A serde that fails
 * (often a {@link ClassCastException} from the wrong serde) is reported as a {@link StreamsException}
 * naming the store and the class involved.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Internal
public class SerdeKeyValueStore<K, V> implements KeyValueStore<K, V>, CachedStateStore<K, V> {
    /** Passes a prefix the typed layer already serialized through the bytes layers unchanged. */
    private static final Serializer<Bytes> PASS_THROUGH = (topic, data) -> data == null ? null : data.get();

    private final KeyValueStore<Bytes, byte[]> inner;
    private final ValueSerdeAdapter valueSerdeAdapter;
    private Serde<K> keySerde;
    private Serde<?> plainValueSerde;
    private Serde<V> valueSerde;
    private String topic;

    /**
     * @param inner the bytes store below (cache, changelog or the bytes store itself)
     * @param keySerde the key serde, or {@code null} for the application's default, taken at {@link #init}
     * @param valueSerde the value serde, or {@code null} for the application's default, taken at {@link #init}
     * @throws NullPointerException if {@code inner} is {@code null}
     */
    public SerdeKeyValueStore(KeyValueStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        this(inner, keySerde, valueSerde, ValueSerdeAdapter.IDENTITY);
    }

    /**
     * @param inner the bytes store below
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param plainValueSerde the serde of the values as the user sees them, or {@code null} for the default
     * @param adapter turns the plain value serde into the serde of {@code V}, once it is resolved
     */
    SerdeKeyValueStore(KeyValueStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<?> plainValueSerde, ValueSerdeAdapter adapter) {
        this.inner = Objects.requireNonNull(inner, "inner store must not be null");
        this.keySerde = keySerde;
        this.plainValueSerde = plainValueSerde;
        this.valueSerdeAdapter = adapter;
    }

    /** Turns the serde of the values the user sees into the serde of what the store holds. */
    @FunctionalInterface
    interface ValueSerdeAdapter {
        /** The values are held as they are. */
        ValueSerdeAdapter IDENTITY = serde -> serde;

        /**
         * @param plain the resolved serde of the plain values
         * @return the serde of what the store holds
         */
        Serde<?> adapt(Serde<?> plain);
    }

    /** @return the store name */
    @Override
    public String name() {
        return inner.name();
    }

    /**
     * Resolves missing serdes from the context's defaults, then opens the layers below.
     *
     * @param context the task's store context
     * @param root the outermost store, normally this one
     * @throws StreamsException if a serde is missing and the application has no default for it
     */
    @Override
    @SuppressWarnings("unchecked")
    public void init(StateStoreContext context, StateStore root) {
        Serde<K> keys = keySerde != null ? keySerde : (Serde<K>) context.keySerde();
        Serde<?> values = plainValueSerde != null ? plainValueSerde : context.valueSerde();
        if (keys == null) {
            throw missingSerde("key", StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG);
        }
        if (values == null) {
            throw missingSerde("value", StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG);
        }
        keySerde = keys;
        plainValueSerde = values;
        valueSerde = (Serde<V>) valueSerdeAdapter.adapt(values);
        topic = context.applicationId() + "-" + name() + "-changelog";
        inner.init(context, root);
    }

    private StreamsException missingSerde(String what, String config) {
        return new StreamsException("state store '" + name() + "' has no " + what + " serde and no default is configured:"
            + " pass serdes to Stores.keyValueStoreBuilder(supplier, keySerde, valueSerde), or set '" + config + "'");
    }

    /** Flushes the layers below. */
    @Override
    public void flush() {
        inner.flush();
    }

    /** Closes the layers below. The serdes are not closed: they may be shared. */
    @Override
    public void close() {
        inner.close();
    }

    /** @return whether the bytes store keeps its data on disk */
    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    /** @return whether the store is open */
    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    /**
     * @param key the key, not {@code null}
     * @return the value, or {@code null} if absent
     * @throws NullPointerException if the key is {@code null}
     * @throws InvalidStateStoreException if the store is not open
     * @throws StreamsException if a serde fails
     */
    @Override
    public V get(K key) {
        return value(inner.get(keyBytes(key)));
    }

    /**
     * @param from the lowest key, inclusive, or {@code null} for no lower bound
     * @param to the highest key, inclusive, or {@code null} for no upper bound
     * @return the entries in range, ascending, in serialized-key order
     * @throws InvalidStateStoreException if the store is not open
     * @throws StreamsException if a serde fails
     */
    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        checkInitialized();
        return typed(inner.range(boundBytes(from), boundBytes(to)));
    }

    /**
     * @param from the lowest key, inclusive, or {@code null} for no lower bound
     * @param to the highest key, inclusive, or {@code null} for no upper bound
     * @return the entries in range, descending, in serialized-key order
     * @throws InvalidStateStoreException if the store is not open
     * @throws StreamsException if a serde fails
     */
    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        checkInitialized();
        return typed(inner.reverseRange(boundBytes(from), boundBytes(to)));
    }

    /**
     * @return every entry, ascending
     * @throws InvalidStateStoreException if the store is not open
     */
    @Override
    public KeyValueIterator<K, V> all() {
        checkInitialized();
        return typed(inner.all());
    }

    /**
     * @return every entry, descending
     * @throws InvalidStateStoreException if the store is not open
     */
    @Override
    public KeyValueIterator<K, V> reverseAll() {
        checkInitialized();
        return typed(inner.reverseAll());
    }

    /**
     * Serializes the prefix here, with the store's topic, and hands the bytes down.
     *
     * @param prefix the prefix, not {@code null}
     * @param prefixKeySerializer serializes the prefix
     * @return the entries whose serialized key starts with the serialized prefix, ascending
     * @throws NullPointerException if the prefix or serializer is {@code null}
     * @throws InvalidStateStoreException if the store is not open
     * @throws StreamsException if the serializer fails
     */
    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        Objects.requireNonNull(prefix, () -> "prefix of a prefix scan of state store '" + name() + "' must not be null");
        Objects.requireNonNull(prefixKeySerializer, () -> "prefix serializer of state store '" + name() + "' must not be null");
        checkInitialized();
        byte[] bytes;
        try {
            bytes = prefixKeySerializer.serialize(topic, prefix);
        } catch (RuntimeException e) {
            throw serdeFailure("serialize the prefix", prefix, prefixKeySerializer, e);
        }
        if (bytes == null) {
            throw new StreamsException("state store '" + name() + "': " + prefixKeySerializer.getClass().getName()
                + " serialized the prefix of class " + prefix.getClass().getName() + " to null");
        }
        return typed(inner.prefixScan(new Bytes(bytes), PASS_THROUGH));
    }

    /**
     * @return the estimate of the bytes store below
     * @throws InvalidStateStoreException if the store is not open
     */
    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    /**
     * @param key the key, not {@code null}
     * @param value the value; {@code null} deletes the key
     * @throws NullPointerException if the key is {@code null}
     * @throws InvalidStateStoreException if the store is not open
     * @throws StreamsException if a serde fails
     */
    @Override
    public void put(K key, V value) {
        inner.put(keyBytes(key), valueBytes(value));
    }

    /**
     * @param key the key, not {@code null}
     * @param value the value
     * @return the value already there, or {@code null} if the key was absent
     * @throws NullPointerException if the key is {@code null}
     * @throws InvalidStateStoreException if the store is not open
     * @throws StreamsException if a serde fails
     */
    @Override
    public V putIfAbsent(K key, V value) {
        return value(inner.putIfAbsent(keyBytes(key), valueBytes(value)));
    }

    /**
     * Serializes every entry first, so a serde failure or {@code null} key writes nothing.
     *
     * @param entries the entries; keys not {@code null}
     * @throws NullPointerException if the list or a key is {@code null}
     * @throws InvalidStateStoreException if the store is not open
     * @throws StreamsException if a serde fails
     */
    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        Objects.requireNonNull(entries, () -> "entries for state store '" + name() + "' must not be null");
        List<KeyValue<Bytes, byte[]>> serialized = new ArrayList<>(entries.size());
        for (KeyValue<K, V> entry : entries) {
            serialized.add(KeyValue.pair(keyBytes(entry.key), valueBytes(entry.value)));
        }
        inner.putAll(serialized);
    }

    /**
     * @param key the key, not {@code null}
     * @return the value that was there, or {@code null}
     * @throws NullPointerException if the key is {@code null}
     * @throws InvalidStateStoreException if the store is not open
     * @throws StreamsException if a serde fails
     */
    @Override
    public V delete(K key) {
        return value(inner.delete(keyBytes(key)));
    }

    /**
     * Passes the listener to the cache below, translating bytes into keys and values.
     *
     * @return whether there is a cache below
     */
    @Override
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        Objects.requireNonNull(listener, "listener");
        if (!(inner instanceof CachingKeyValueStore caching)) {
            return false;
        }
        caching.setFlushListener((key, newValue, oldValue, timestamp) ->
            listener.apply(key(key), value(newValue), value(oldValue), timestamp), sendOldValues);
        return true;
    }

    private Bytes keyBytes(K key) {
        Objects.requireNonNull(key, () -> "keys of state store '" + name() + "' must not be null");
        checkInitialized();
        return serializeKey(key);
    }

    private Bytes boundBytes(K bound) {
        return bound == null ? null : serializeKey(bound);
    }

    private Bytes serializeKey(K key) {
        byte[] bytes;
        try {
            bytes = keySerde.serializer().serialize(topic, key);
        } catch (RuntimeException e) {
            throw serdeFailure("serialize the key", key, keySerde.serializer(), e);
        }
        if (bytes == null) {
            throw new StreamsException("state store '" + name() + "': " + keySerde.serializer().getClass().getName()
                + " serialized a key of class " + key.getClass().getName() + " to null; store keys must not be null");
        }
        return new Bytes(bytes);
    }

    private byte[] valueBytes(V value) {
        if (value == null) {
            return null;
        }
        try {
            return valueSerde.serializer().serialize(topic, value);
        } catch (RuntimeException e) {
            throw serdeFailure("serialize the value", value, valueSerde.serializer(), e);
        }
    }

    private K key(Bytes bytes) {
        Deserializer<K> deserializer = keySerde.deserializer();
        try {
            return deserializer.deserialize(topic, bytes.get());
        } catch (RuntimeException e) {
            throw new StreamsException("state store '" + name() + "' cannot deserialize a key with "
                + deserializer.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    private V value(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        Deserializer<V> deserializer = valueSerde.deserializer();
        try {
            return deserializer.deserialize(topic, bytes);
        } catch (RuntimeException e) {
            throw new StreamsException("state store '" + name() + "' cannot deserialize a value with "
                + deserializer.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    private StreamsException serdeFailure(String what, Object data, Object serde, RuntimeException e) {
        return new StreamsException("state store '" + name() + "' cannot " + what + " of class " + data.getClass().getName()
            + " with " + serde.getClass().getName() + ": " + e.getMessage()
            + ". Check the serdes given to Stores.keyValueStoreBuilder(...) or the default serdes", e);
    }

    private void checkInitialized() {
        // Before init the serdes and topic are unknown; say so instead of failing with a NullPointerException.
        if (topic == null) {
            throw new InvalidStateStoreException("state store '" + name() + "' is not open");
        }
    }

    private KeyValueIterator<K, V> typed(KeyValueIterator<Bytes, byte[]> bytes) {
        return new TypedIterator(bytes);
    }

    /** Deserializes the entries of a bytes iterator as they are read. */
    private final class TypedIterator implements KeyValueIterator<K, V> {
        private final KeyValueIterator<Bytes, byte[]> bytes;

        TypedIterator(KeyValueIterator<Bytes, byte[]> bytes) {
            this.bytes = bytes;
        }

        @Override
        public boolean hasNext() {
            return bytes.hasNext();
        }

        @Override
        public KeyValue<K, V> next() {
            KeyValue<Bytes, byte[]> next = bytes.next();
            return KeyValue.pair(key(next.key), value(next.value));
        }

        @Override
        public K peekNextKey() {
            return key(bytes.peekNextKey());
        }

        @Override
        public void close() {
            bytes.close();
        }
    }
}
