package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.SessionStore;
import dev.rill.streams.state.internal.CachedStateStore;
import java.util.Objects;

/**
 * The typed, outermost layer of a session store: what processors and tests get. It serializes keys and
 * aggregates into the bytes layers below and deserializes what they return. A {@code null} aggregate goes
 * down as a removal without calling the serializer.
 *
 * @param <K> key type
 * @param <AGG> aggregate type
 */
@Internal
public final class SerdeSessionStore<K, AGG> implements SessionStore<K, AGG>, ExpiringStore, CachedStateStore<Windowed<K>, AGG> {
    private final SessionStore<Bytes, byte[]> inner;
    private final StoreSerdes<K, AGG> serdes;

    /**
     * @param inner the bytes store below
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param aggSerde the aggregate serde, or {@code null} for the application's default
     */
    @SuppressWarnings("unchecked")
    SerdeSessionStore(SessionStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<AGG> aggSerde) {
        this.inner = Objects.requireNonNull(inner, "inner store must not be null");
        this.serdes = new StoreSerdes<>(inner.name(), keySerde, fallback -> aggSerde != null ? aggSerde : (Serde<AGG>) fallback);
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

    /**
     * Passes the listener to the cache below, translating store keys into session keys.
     *
     * @return whether there is a cache below
     */
    @Override
    public boolean setFlushListener(CacheFlushListener<Windowed<K>, AGG> listener, boolean sendOldValues) {
        Objects.requireNonNull(listener, "listener");
        if (!(inner instanceof CachingSessionStore caching)) {
            return false;
        }
        caching.setFlushListener((storeKey, newValue, oldValue, timestamp) -> {
            Windowed<Bytes> session = SegmentedSessionStore.session(storeKey.get());
            listener.apply(new Windowed<>(serdes.key(session.key()), session.window()), serdes.value(newValue), serdes.value(oldValue), timestamp);
        }, sendOldValues);
        return true;
    }

    private Windowed<Bytes> sessionBytes(Windowed<K> sessionKey) {
        Objects.requireNonNull(sessionKey, () -> "sessionKey of state store '" + name() + "' must not be null");
        return new Windowed<>(serdes.keyBytes(sessionKey.key(), "the key of sessionKey"), sessionKey.window());
    }

    @Override
    public void put(Windowed<K> sessionKey, AGG aggregate) {
        inner.put(sessionBytes(sessionKey), serdes.valueBytes(aggregate));
    }

    @Override
    public void remove(Windowed<K> sessionKey) {
        inner.remove(sessionBytes(sessionKey));
    }

    @Override
    public AGG fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        return serdes.value(inner.fetchSession(serdes.keyBytes(key, "key"), sessionStartTime, sessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K key, long earliestSessionEndTime, long latestSessionStartTime) {
        return typed(inner.findSessions(serdes.keyBytes(key, "key"), earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K key, long earliestSessionEndTime, long latestSessionStartTime) {
        return typed(inner.backwardFindSessions(serdes.keyBytes(key, "key"), earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(K keyFrom, K keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return typed(inner.findSessions(serdes.boundBytes(keyFrom), serdes.boundBytes(keyTo), earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFindSessions(K keyFrom, K keyTo, long earliestSessionEndTime,
                                                                  long latestSessionStartTime) {
        return typed(inner.backwardFindSessions(serdes.boundBytes(keyFrom), serdes.boundBytes(keyTo), earliestSessionEndTime,
            latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        serdes.checkInitialized();
        return typed(inner.findSessions(earliestSessionEndTime, latestSessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K key) {
        return typed(inner.fetch(serdes.keyBytes(key, "key")));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFetch(K key) {
        return typed(inner.backwardFetch(serdes.keyBytes(key, "key")));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> fetch(K keyFrom, K keyTo) {
        return typed(inner.fetch(serdes.boundBytes(keyFrom), serdes.boundBytes(keyTo)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, AGG> backwardFetch(K keyFrom, K keyTo) {
        return typed(inner.backwardFetch(serdes.boundBytes(keyFrom), serdes.boundBytes(keyTo)));
    }

    private KeyValueIterator<Windowed<K>, AGG> typed(KeyValueIterator<Windowed<Bytes>, byte[]> bytes) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return bytes.hasNext();
            }

            @Override
            public KeyValue<Windowed<K>, AGG> next() {
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
