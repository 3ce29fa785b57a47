package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.SessionStore;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caching layer of a session store: puts and removes go to the task's {@link StoreCache} under their
 * store key {@code [key][session end][session start]} and reach the store beneath, and the
 * {@link CachingKeyValueStore.FlushListener} (which receives that store key), only on flush (every
 * commit) or eviction, so a session updated many times between commits is written once. Reads merge the
 * cache over the store beneath in the latter's order, the cache winning; cached sessions that have
 * expired are hidden, and a put of an expired session is dropped and counted here.
 */
final class CachingSessionStore extends WrappedSessionBytesStore {
    private static final Logger LOG = LoggerFactory.getLogger(CachingSessionStore.class);
    private static final StoreKeySchema SCHEMA = StoreKeySchema.SESSION;

    private final long retentionPeriod;
    private final long segmentInterval;
    private final Comparator<Bytes> order;
    private final CacheBinding binding = new CacheBinding();
    private long ownStreamTime = -1;
    private long dropped;
    private boolean open;

    /**
     * @param inner the store the cache writes to
     * @param retentionPeriod the retention, to hide and drop expired sessions
     * @param segmentInterval the segment interval, for the order of a store that does not tell its own
     */
    CachingSessionStore(SessionStore<Bytes, byte[]> inner, long retentionPeriod, long segmentInterval) {
        super(Objects.requireNonNull(inner, "inner"));
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
        Comparator<Bytes> innerOrder = StoreKeyOrdered.of(inner);
        this.order = innerOrder != null ? innerOrder : SCHEMA.segmentOrder(segmentInterval);
    }

    /**
     * Sets who is told of every session the cache writes to the store beneath: its store key
     * {@code [key][end: 8][start: 8]}, the aggregate written ({@code null} for a removal), the aggregate the
     * store held and the timestamp of the record that made the write.
     *
     * @param listener the listener, or {@code null} for none
     */
    void setFlushListener(CachingKeyValueStore.FlushListener listener) {
        setFlushListener(listener, true);
    }

    /**
     * Like {@link #setFlushListener(CachingKeyValueStore.FlushListener)}, for a DSL operator that forwards
     * from the listener: deleting an entry the store beneath does not hold is then neither written nor
     * told, and the replaced value is read only if asked for.
     *
     * @param listener the listener, or {@code null} for none
     * @param sendOldValues whether the listener needs the replaced values
     */
    void setFlushListener(CachingKeyValueStore.FlushListener listener, boolean sendOldValues) {
        binding.setFlushListener(listener, sendOldValues);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
        binding.open(name(), context, new StoreCache.Backing() {
            @Override
            public byte[] get(Bytes storeKey) {
                byte[] k = storeKey.get();
                return inner.fetchSession(Bytes.wrap(SCHEMA.key(k)), SCHEMA.secondary(k), SCHEMA.time(k));
            }

            @Override
            public void put(Bytes storeKey, byte[] value) {
                inner.put(SegmentedSessionStore.session(storeKey.get()), value);
            }
        });
        open = true;
    }

    @Override
    public boolean isOpen() {
        return open && inner.isOpen();
    }

    @Override
    public long droppedExpiredRecords() {
        return dropped + super.droppedExpiredRecords();
    }

    @Override
    public long observedStreamTime() {
        return Math.max(ownStreamTime, super.observedStreamTime());
    }

    @Override
    public Comparator<Bytes> storeKeyOrder() {
        return order;
    }

    private long minLiveTime() {
        return SegmentedBytesStore.minLiveTime(observedStreamTime(), retentionPeriod);
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        Objects.requireNonNull(sessionKey, () -> "sessionKey must not be null (state store '" + name() + "')");
        Objects.requireNonNull(sessionKey.key(), () -> "the key of sessionKey must not be null (state store '" + name() + "')");
        checkOpen();
        long end = sessionKey.window().end();
        ownStreamTime = Math.max(ownStreamTime, end);
        if (SegmentedBytesStore.writeExpired(end, observedStreamTime(), retentionPeriod, segmentInterval)) {
            dropped++;
            LOG.debug("State store '{}' dropped a write for a session ending at {}: expired, the stream time is {}",
                name(), end, observedStreamTime());
            return;
        }
        long timestamp = binding.currentRecordTimestamp();
        binding.cache().put(name(), SegmentedSessionStore.storeKey(sessionKey), aggregate, timestamp);
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        put(sessionKey, null);
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        Objects.requireNonNull(key, () -> "key must not be null (state store '" + name() + "')");
        checkOpen();
        if (sessionEndTime < minLiveTime()) {
            return null;
        }
        StoreCache.Entry cached = binding.cache().get(name(), SCHEMA.toStoreKey(key.get(), sessionEndTime, sessionStartTime));
        return cached != null ? cached.value() : inner.fetchSession(key, sessionStartTime, sessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        return find(requireKey(key), requireKey(key), true, earliestSessionEndTime, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        return find(requireKey(key), requireKey(key), true, earliestSessionEndTime, latestSessionStartTime, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime,
                                                                 long latestSessionStartTime) {
        return find(keyFrom, keyTo, false, earliestSessionEndTime, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo, long earliestSessionEndTime,
                                                                         long latestSessionStartTime) {
        return find(keyFrom, keyTo, false, earliestSessionEndTime, latestSessionStartTime, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime, long latestSessionEndTime) {
        checkOpen();
        long from = Math.max(earliestSessionEndTime, minLiveTime());
        List<KeyValue<Bytes, StoreCache.Entry>> cached = CachedStoreKeys.search(binding.cache(), name(), SCHEMA, null, null,
            from, latestSessionEndTime, any -> true, order, true);
        return merged(cached, inner.findSessions(from, latestSessionEndTime), true);
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

    private Bytes requireKey(Bytes key) {
        return Objects.requireNonNull(key, () -> "key must not be null (state store '" + name() + "')");
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> find(Bytes keyFrom, Bytes keyTo, boolean single, long earliestEnd,
                                                           long latestStart, boolean forward) {
        checkOpen();
        // The store beneath may not have seen the latest stream time yet (it is in the cache): clamp for it.
        long from = Math.max(earliestEnd, minLiveTime());
        // A search for one key's sessions also finds sessions still cached that the store beneath already
        // hides as expired, as Kafka Streams' caching session store does: a session aggregation merges a new
        // record with such a session and takes in its aggregate, and the output must not differ.
        long cachedFrom = single ? earliestEnd : from;
        Predicate<byte[]> startsInTime = storeKey -> SCHEMA.secondary(storeKey) <= latestStart;
        List<KeyValue<Bytes, StoreCache.Entry>> cached = CachedStoreKeys.search(binding.cache(), name(), SCHEMA,
            keyFrom == null ? null : keyFrom.get(), keyTo == null ? null : keyTo.get(), cachedFrom, Long.MAX_VALUE, startsInTime,
            order, forward);
        KeyValueIterator<Windowed<Bytes>, byte[]> stored;
        if (single) {
            stored = forward ? inner.findSessions(keyFrom, from, latestStart) : inner.backwardFindSessions(keyFrom, from, latestStart);
        } else {
            stored = forward ? inner.findSessions(keyFrom, keyTo, from, latestStart)
                : inner.backwardFindSessions(keyFrom, keyTo, from, latestStart);
        }
        return merged(cached, stored, forward);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> merged(List<KeyValue<Bytes, StoreCache.Entry>> cached,
                                                             KeyValueIterator<Windowed<Bytes>, byte[]> stored, boolean forward) {
        KeyValueIterator<Bytes, byte[]> storeKeys = new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return stored.hasNext();
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                KeyValue<Windowed<Bytes>, byte[]> next = stored.next();
                return KeyValue.pair(SegmentedSessionStore.storeKey(next.key), next.value);
            }

            @Override
            public Bytes peekNextKey() {
                return SegmentedSessionStore.storeKey(stored.peekNextKey());
            }

            @Override
            public void close() {
                stored.close();
            }
        };
        return new SegmentedSessionStore.SessionIterator(CachedStoreKeys.merge(cached, storeKeys, order, forward));
    }

    /** Writes the dirty sessions to the store beneath, in the order of their last update, then flushes it. */
    @Override
    public void flush() {
        checkOpen();
        binding.cache().flush(name());
        inner.flush();
    }

    /** Flushes, leaves the cache and closes the store beneath, which is closed even if flushing fails. */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            binding.cache().flush(name());
        } finally {
            try {
                binding.cache().remove(name());
            } finally {
                inner.close();
            }
        }
    }

    private void checkOpen() {
        if (!open) {
            throw new InvalidStateStoreException("state store '" + name() + "' is not open");
        }
    }
}
