package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.internal.SessionWindow;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.SessionStore;
import java.util.Comparator;
import java.util.Objects;

/**
 * A session store of bytes over a {@link SegmentedBytesStore} (RocksDB or in-memory): what
 * {@code Stores.persistentSessionStore} and {@code Stores.inMemorySessionStore} supply. Store keys are
 * {@code [key][session end][session start]}, segmented and expired by the session end.
 */
final class SegmentedSessionStore implements SessionStore<Bytes, byte[]>, ExpiringStore, StoreKeyOrdered {
    private static final StoreKeySchema SCHEMA = StoreKeySchema.SESSION;

    private final SegmentedBytesStore bytes;

    SegmentedSessionStore(SegmentedBytesStore bytes) {
        this.bytes = bytes;
    }

    @Override
    public String name() {
        return bytes.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        bytes.init(context, root == null ? this : root);
    }

    @Override
    public void flush() {
        bytes.flush();
    }

    @Override
    public void close() {
        bytes.close();
    }

    @Override
    public boolean persistent() {
        return bytes.persistent();
    }

    @Override
    public boolean isOpen() {
        return bytes.isOpen();
    }

    @Override
    public long droppedExpiredRecords() {
        return bytes.droppedExpiredRecords();
    }

    @Override
    public long observedStreamTime() {
        return bytes.observedStreamTime();
    }

    @Override
    public Comparator<Bytes> storeKeyOrder() {
        return bytes.order();
    }

    /** @return the segmented bytes beneath, for tests */
    SegmentedBytesStore bytes() {
        return bytes;
    }

    /** @return the store key of a session */
    static Bytes storeKey(Windowed<Bytes> session) {
        return SCHEMA.toStoreKey(session.key().get(), session.window().end(), session.window().start());
    }

    /** @return the session a store key stands for */
    static Windowed<Bytes> session(byte[] storeKey) {
        return new Windowed<>(Bytes.wrap(SCHEMA.key(storeKey)), new SessionWindow(SCHEMA.secondary(storeKey), SCHEMA.time(storeKey)));
    }

    private Windowed<Bytes> requireSession(Windowed<Bytes> sessionKey) {
        Objects.requireNonNull(sessionKey, () -> "sessionKey must not be null (state store '" + name() + "')");
        Objects.requireNonNull(sessionKey.key(), () -> "the key of sessionKey must not be null (state store '" + name() + "')");
        return sessionKey;
    }

    private byte[] requireKey(Bytes key, String what) {
        return Objects.requireNonNull(key, () -> what + " must not be null (state store '" + name() + "')").get();
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        bytes.put(storeKey(requireSession(sessionKey)), aggregate);
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        bytes.put(storeKey(requireSession(sessionKey)), null);
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        return bytes.get(SCHEMA.toStoreKey(requireKey(key, "key"), sessionEndTime, sessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        byte[] k = requireKey(key, "key");
        return find(k, k, earliestSessionEndTime, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        byte[] k = requireKey(key, "key");
        return find(k, k, earliestSessionEndTime, latestSessionStartTime, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return find(bytesOrNull(keyFrom), bytesOrNull(keyTo), earliestSessionEndTime, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime,
                                                                         long latestSessionStartTime) {
        return find(bytesOrNull(keyFrom), bytesOrNull(keyTo), earliestSessionEndTime, latestSessionStartTime, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        return new SessionIterator(bytes.fetch(null, null, earliestSessionEndTime, latestSessionEndTime, any -> true, true));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return findSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return backwardFindSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return findSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        return backwardFindSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> find(byte[] keyFrom, byte[] keyTo, long earliestEnd, long latestStart, boolean forward) {
        return new SessionIterator(bytes.fetch(keyFrom, keyTo, earliestEnd, Long.MAX_VALUE,
            storeKey -> SCHEMA.secondary(storeKey) <= latestStart, forward));
    }

    private static byte[] bytesOrNull(Bytes b) {
        return b == null ? null : b.get();
    }

    /** Store keys turned into sessions. */
    static final class SessionIterator implements KeyValueIterator<Windowed<Bytes>, byte[]> {
        private final KeyValueIterator<Bytes, byte[]> inner;

        SessionIterator(KeyValueIterator<Bytes, byte[]> inner) {
            this.inner = inner;
        }

        @Override
        public boolean hasNext() {
            return inner.hasNext();
        }

        @Override
        public KeyValue<Windowed<Bytes>, byte[]> next() {
            KeyValue<Bytes, byte[]> next = inner.next();
            return KeyValue.pair(session(next.key.get()), next.value);
        }

        @Override
        public Windowed<Bytes> peekNextKey() {
            return session(inner.peekNextKey().get());
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
