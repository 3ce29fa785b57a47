package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.WindowStoreIterator;
import dev.rill.streams.state.internal.CachedStateStore;
import java.util.Objects;
import java.util.function.Function;

/**
 * The typed, outermost layer of a window store: what processors and tests get. It serializes keys and
 * values into the bytes layers below (cache, changelog, bytes store) and deserializes what they return.
 * A {@code null} value goes down as a deletion without calling the value serializer.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Internal
public class SerdeWindowStore<K, V> implements WindowStore<K, V>, ExpiringStore, CachedStateStore<Windowed<K>, V> {
    private final WindowStore<Bytes, byte[]> inner;
    private final StoreSerdes<K, V> serdes;

    /**
     * @param inner the bytes store below
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param valueSerdeFromDefault given the application's default value serde (or {@code null}), the value serde
     */
    SerdeWindowStore(WindowStore<Bytes, byte[]> inner, Serde<K> keySerde, Function<Serde<?>, Serde<V>> valueSerdeFromDefault) {
        this.inner = Objects.requireNonNull(inner, "inner store must not be null");
        this.serdes = new StoreSerdes<>(inner.name(), keySerde, valueSerdeFromDefault);
    }

    @Override
    public String name() {
        return inner.name();
    }

    /**
     * Resolves missing serdes from the context's defaults, then opens the layers below.
     *
     * @throws dev.rill.streams.errors.StreamsException if a serde is missing and there is no default
     */
    @Override
    public void init(StateStoreContext context, StateStore root) {
        serdes.init(context);
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
    public long droppedExpiredRecords() {
        return inner instanceof ExpiringStore e ? e.droppedExpiredRecords() : 0;
    }

    @Override
    public long observedStreamTime() {
        return inner instanceof ExpiringStore e ? e.observedStreamTime() : -1;
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        inner.put(serdes.keyBytes(key, "key"), serdes.valueBytes(value), windowStartTimestamp);
    }

    @Override
    public V fetch(K key, long time) {
        return serdes.value(inner.fetch(serdes.keyBytes(key, "key"), time));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return typed(inner.fetch(serdes.keyBytes(key, "key"), timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        return typed(inner.backwardFetch(serdes.keyBytes(key, "key"), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return typed(inner.fetch(serdes.boundBytes(keyFrom), serdes.boundBytes(keyTo), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        return typed(inner.backwardFetch(serdes.boundBytes(keyFrom), serdes.boundBytes(keyTo), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        serdes.checkInitialized();
        return typed(inner.all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        serdes.checkInitialized();
        return typed(inner.backwardAll());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        serdes.checkInitialized();
        return typed(inner.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        serdes.checkInitialized();
        return typed(inner.backwardFetchAll(timeFrom, timeTo));
    }

    /**
     * Passes the listener to the cache below, translating store keys into windowed keys.
     *
     * @return whether there is a cache below
     */
    @Override
    public boolean setFlushListener(CacheFlushListener<Windowed<K>, V> listener, boolean sendOldValues) {
        Objects.requireNonNull(listener, "listener");
        if (!(inner instanceof CachingWindowStore caching)) {
            return false;
        }
        caching.setFlushListener((storeKey, newValue, oldValue, timestamp) -> {
            Windowed<Bytes> window = SegmentedWindowStore.windowed(storeKey.get(), caching.windowSize());
            listener.apply(new Windowed<>(serdes.key(window.key()), window.window()), serdes.value(newValue), serdes.value(oldValue), timestamp);
        }, sendOldValues);
        return true;
    }

    private WindowStoreIterator<V> typed(WindowStoreIterator<byte[]> bytes) {
        return new WindowStoreIterator<>() {
            @Override
            public boolean hasNext() {
                return bytes.hasNext();
            }

            @Override
            public KeyValue<Long, V> next() {
                KeyValue<Long, byte[]> next = bytes.next();
                return KeyValue.pair(next.key, serdes.value(next.value));
            }

            @Override
            public Long peekNextKey() {
                return bytes.peekNextKey();
            }

            @Override
            public void close() {
                bytes.close();
            }
        };
    }

    private KeyValueIterator<Windowed<K>, V> typed(KeyValueIterator<Windowed<Bytes>, byte[]> bytes) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return bytes.hasNext();
            }

            @Override
            public KeyValue<Windowed<K>, V> next() {
                KeyValue<Windowed<Bytes>, byte[]> next = bytes.next();
                return KeyValue.pair(new Windowed<>(serdes.key(next.key.key()), next.key.window()), serdes.value(next.value));
            }

            @Override
            public Windowed<K> peekNextKey() {
                Windowed<Bytes> next = bytes.peekNextKey();
                return new Windowed<>(serdes.key(next.key()), next.window());
            }

            @Override
            public void close() {
                bytes.close();
            }
        };
    }
}
