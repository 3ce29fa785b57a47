package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.kstream.internal.TimeWindow;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.WindowStoreIterator;
import java.util.Comparator;
import java.util.Objects;

/**
 * A window store of bytes over a {@link SegmentedBytesStore} (RocksDB or in-memory): what
 * {@code Stores.persistentWindowStore} and {@code Stores.inMemoryWindowStore} supply. Store keys are
 * {@code [key][window start][sequence number]}; the sequence number counts the puts of a store that
 * retains duplicates (so that none overwrites another) and is 0 otherwise. Windows reported as
 * {@link Windowed} keys span {@code [start, start + windowSize)} (at least one millisecond).
 */
final class SegmentedWindowStore implements WindowStore<Bytes, byte[]>, ExpiringStore, StoreKeyOrdered {
    private static final StoreKeySchema SCHEMA = StoreKeySchema.WINDOW;

    private final SegmentedBytesStore bytes;
    private final long windowSize;
    private final boolean retainDuplicates;
    private int seqnum;

    SegmentedWindowStore(SegmentedBytesStore bytes, long windowSize, boolean retainDuplicates) {
        this.bytes = bytes;
        this.windowSize = windowSize;
        this.retainDuplicates = retainDuplicates;
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

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
        requireKey(key, "key");
        if (windowStartTimestamp < 0) {
            throw new IllegalArgumentException("window start must not be negative (state store '" + name() + "'), was "
                + windowStartTimestamp);
        }
        if (retainDuplicates) {
            if (value == null) {
                return;     // every put is its own entry, so there is nothing a null could delete
            }
            seqnum = (seqnum + 1) & Integer.MAX_VALUE;
        }
        bytes.put(SCHEMA.toStoreKey(key.get(), windowStartTimestamp, retainDuplicates ? seqnum : 0), value);
    }

    @Override
    public byte[] fetch(Bytes key, long time) {
        requireKey(key, "key");
        if (!retainDuplicates) {
            return bytes.get(SCHEMA.toStoreKey(key.get(), time, 0));
        }
        try (WindowStoreIterator<byte[]> it = fetch(key, time, time)) {
            return it.hasNext() ? it.next().value : null;
        }
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return single(key, timeFrom, timeTo, true);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return single(key, timeFrom, timeTo, false);
    }

    private WindowStoreIterator<byte[]> single(Bytes key, long timeFrom, long timeTo, boolean forward) {
        requireKey(key, "key");
        byte[] k = key.get();
        return new WindowStoreIteratorAdapter(bytes.fetch(k, k, timeFrom, timeTo, any -> true, forward));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return range(keyFrom, keyTo, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return range(keyFrom, keyTo, timeFrom, timeTo, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return range(null, null, 0, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return range(null, null, 0, Long.MAX_VALUE, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return range(null, null, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return range(null, null, timeFrom, timeTo, false);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> range(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo, boolean forward) {
        return new WindowedIterator(bytes.fetch(keyFrom == null ? null : keyFrom.get(), keyTo == null ? null : keyTo.get(),
            timeFrom, timeTo, any -> true, forward), windowSize);
    }

    private void requireKey(Bytes key, String what) {
        Objects.requireNonNull(key, () -> what + " must not be null (state store '" + name() + "')");
    }

    /** @return the window a store key's start and a window size make: at least one millisecond long */
    static Windowed<Bytes> windowed(byte[] storeKey, long windowSize) {
        long start = SCHEMA.time(storeKey);
        long end = start + Math.max(1, windowSize);
        return new Windowed<>(Bytes.wrap(SCHEMA.key(storeKey)), new TimeWindow(start, end < 0 ? Long.MAX_VALUE : end));
    }

    /** Store keys turned into window starts. */
    static final class WindowStoreIteratorAdapter implements WindowStoreIterator<byte[]> {
        private final KeyValueIterator<Bytes, byte[]> inner;

        WindowStoreIteratorAdapter(KeyValueIterator<Bytes, byte[]> inner) {
            this.inner = inner;
        }

        @Override
        public boolean hasNext() {
            return inner.hasNext();
        }

        @Override
        public KeyValue<Long, byte[]> next() {
            KeyValue<Bytes, byte[]> next = inner.next();
            return KeyValue.pair(SCHEMA.time(next.key.get()), next.value);
        }

        @Override
        public Long peekNextKey() {
            return SCHEMA.time(inner.peekNextKey().get());
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** Store keys turned into windowed keys. */
    static final class WindowedIterator implements KeyValueIterator<Windowed<Bytes>, byte[]> {
        private final KeyValueIterator<Bytes, byte[]> inner;
        private final long windowSize;

        WindowedIterator(KeyValueIterator<Bytes, byte[]> inner, long windowSize) {
            this.inner = inner;
            this.windowSize = windowSize;
        }

        @Override
        public boolean hasNext() {
            return inner.hasNext();
        }

        @Override
        public KeyValue<Windowed<Bytes>, byte[]> next() {
            KeyValue<Bytes, byte[]> next = inner.next();
            return KeyValue.pair(windowed(next.key.get(), windowSize), next.value);
        }

        @Override
        public Windowed<Bytes> peekNextKey() {
            return windowed(inner.peekNextKey().get(), windowSize);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
