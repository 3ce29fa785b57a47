package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.SessionStore;
import java.util.Comparator;

/**
 * A session store layer over another bytes session store: every method delegates, so a layer overrides
 * only what it changes. Layers stack as serdes, then cache, then changelog, then the bytes store.
 */
abstract class WrappedSessionBytesStore implements SessionStore<Bytes, byte[]>, ExpiringStore, StoreKeyOrdered {
    final SessionStore<Bytes, byte[]> inner;

    WrappedSessionBytesStore(SessionStore<Bytes, byte[]> inner) {
        this.inner = inner;
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
    public long droppedExpiredRecords() {
        return inner instanceof ExpiringStore e ? e.droppedExpiredRecords() : 0;
    }

    @Override
    public long observedStreamTime() {
        return inner instanceof ExpiringStore e ? e.observedStreamTime() : -1;
    }

    @Override
    public Comparator<Bytes> storeKeyOrder() {
        return StoreKeyOrdered.of(inner);
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        inner.put(sessionKey, aggregate);
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        inner.remove(sessionKey);
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        return inner.fetchSession(key, sessionStartTime, sessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        return inner.findSessions(key, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        return inner.backwardFindSessions(key, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime,
                                                                 long latestSessionStartTime) {
        return inner.findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime,
                                                                         long latestSessionStartTime) {
        return inner.backwardFindSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        return inner.findSessions(earliestSessionEndTime, latestSessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return inner.fetch(key);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return inner.backwardFetch(key);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return inner.fetch(keyFrom, keyTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        return inner.backwardFetch(keyFrom, keyTo);
    }
}
