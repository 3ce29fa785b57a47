package dev.rill.streams;

import dev.rill.common.serialization.Serializer;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * A timestamped key-value store seen with plain values, for tests that do not care about timestamps.
 * Values written through it get timestamp -1 ("no timestamp"), as in Kafka Streams' test driver.
 */
final class PlainValueKeyValueStore<K, V> implements KeyValueStore<K, V> {
    private static final long NO_TIMESTAMP = -1L;

    private final TimestampedKeyValueStore<K, V> inner;

    PlainValueKeyValueStore(TimestampedKeyValueStore<K, V> inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        throw new UnsupportedOperationException("the test driver has opened store '" + name() + "' already");
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public V get(K key) {
        return ValueAndTimestamp.getValueOrNull(inner.get(key));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return plain(inner.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return plain(inner.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return plain(inner.all());
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return plain(inner.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return plain(inner.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    @Override
    public void put(K key, V value) {
        inner.put(key, ValueAndTimestamp.make(value, NO_TIMESTAMP));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return ValueAndTimestamp.getValueOrNull(inner.putIfAbsent(key, ValueAndTimestamp.make(value, NO_TIMESTAMP)));
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        List<KeyValue<K, ValueAndTimestamp<V>>> timestamped = new ArrayList<>(entries.size());
        for (KeyValue<K, V> entry : entries) {
            timestamped.add(KeyValue.pair(entry.key, ValueAndTimestamp.make(entry.value, NO_TIMESTAMP)));
        }
        inner.putAll(timestamped);
    }

    @Override
    public V delete(K key) {
        return ValueAndTimestamp.getValueOrNull(inner.delete(key));
    }

    private KeyValueIterator<K, V> plain(KeyValueIterator<K, ValueAndTimestamp<V>> iterator) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public KeyValue<K, V> next() {
                KeyValue<K, ValueAndTimestamp<V>> next = iterator.next();
                return KeyValue.pair(next.key, ValueAndTimestamp.getValueOrNull(next.value));
            }

            @Override
            public K peekNextKey() {
                return iterator.peekNextKey();
            }

            @Override
            public void close() {
                iterator.close();
            }
        };
    }
}
