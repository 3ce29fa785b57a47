package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.TimestampedWindowStore;
import dev.rill.streams.state.ValueAndTimestamp;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.WindowStoreIterator;
import java.util.Objects;

/**
 * A timestamped window store seen with plain values, as {@code TopologyTestDriver.getWindowStore} gives
 * it: reads drop the timestamps; puts write the value with timestamp -1 (no timestamp), as Kafka
 * Streams' test driver does. Opening and closing go to the store itself.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Internal
public final class PlainValueWindowStore<K, V> implements WindowStore<K, V> {
    private final TimestampedWindowStore<K, V> inner;

    /**
     * @param inner the timestamped store
     * @throws NullPointerException if it is {@code null}
     */
    public PlainValueWindowStore(TimestampedWindowStore<K, V> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
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
    public void put(K key, V value, long windowStartTimestamp) {
        inner.put(key, ValueAndTimestamp.make(value, -1L), windowStartTimestamp);
    }

    @Override
    public V fetch(K key, long time) {
        return ValueAndTimestamp.getValueOrNull(inner.fetch(key, time));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return plain(inner.fetch(key, timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        return plain(inner.backwardFetch(key, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return plain(inner.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return plain(inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return plain(inner.all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return plain(inner.backwardAll());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return plain(inner.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        return plain(inner.backwardFetchAll(timeFrom, timeTo));
    }

    private WindowStoreIterator<V> plain(WindowStoreIterator<ValueAndTimestamp<V>> it) {
        return new WindowStoreIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<Long, V> next() {
                KeyValue<Long, ValueAndTimestamp<V>> next = it.next();
                return KeyValue.pair(next.key, ValueAndTimestamp.getValueOrNull(next.value));
            }

            @Override
            public Long peekNextKey() {
                return it.peekNextKey();
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    private KeyValueIterator<Windowed<K>, V> plain(KeyValueIterator<Windowed<K>, ValueAndTimestamp<V>> it) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<Windowed<K>, V> next() {
                KeyValue<Windowed<K>, ValueAndTimestamp<V>> next = it.next();
                return KeyValue.pair(next.key, ValueAndTimestamp.getValueOrNull(next.value));
            }

            @Override
            public Windowed<K> peekNextKey() {
                return it.peekNextKey();
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }
}
