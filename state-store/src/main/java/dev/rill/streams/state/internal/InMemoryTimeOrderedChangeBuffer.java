package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.header.RecordHeaders;
import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.kstream.internal.Change;
import dev.rill.streams.processor.BatchingStateRestoreCallback;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The suppression buffer, held on the heap: serialized keys and {@link BufferedChange}s ordered by
 * buffer time, then by key bytes (unsigned), with an index from key to its place.
 *
 * <p>With logging on, the keys changed since the last flush are written to the changelog when the task
 * commits ({@link #flush()}): the entry, or a tombstone for a key that left the buffer. So a key
 * buffered and released between two commits leaves only a tombstone, and restoring the changelog
 * rebuilds exactly what the buffer held at the last commit. Not thread-safe: a buffer belongs to one task.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Internal
public final class InMemoryTimeOrderedChangeBuffer<K, V> implements TimeOrderedChangeBuffer<K, V> {
    private final String name;
    private final boolean loggingEnabled;
    private final Map<Bytes, BufferKey> index = new HashMap<>();
    private final TreeMap<BufferKey, BufferedChange> sorted = new TreeMap<>();
    // A hash set, iterated in hash order when logging: the order Kafka Streams' buffer logs its keys in.
    private final Set<Bytes> dirtyKeys = new HashSet<>();
    private Serde<K> keySerde;
    private Serde<V> valueSerde;
    private StoreTaskContext taskContext;
    private String changelogTopic;
    private long sizeBytes;
    private long minTimestamp = Long.MAX_VALUE;
    private volatile boolean open;

    /**
     * @param name the store name
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param valueSerde the value serde, or {@code null} for the application's default
     * @param loggingEnabled whether the buffer is written to a changelog
     */
    public InMemoryTimeOrderedChangeBuffer(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean loggingEnabled) {
        this.name = Objects.requireNonNull(name, "store name must not be null");
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.loggingEnabled = loggingEnabled;
    }

    /** Orders entries by buffer time, then key. */
    private record BufferKey(long time, Bytes key) implements Comparable<BufferKey> {
        @Override
        public int compareTo(BufferKey other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : key.compareTo(other.key);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Opens the buffer, taking the application's default serdes where it has none, and registers it
     * for restoration from its changelog.
     *
     * @throws IllegalStateException if already open, if a serde is missing and there is no default, or
     *     if logging is on and the context cannot write a changelog
     */
    @Override
    @SuppressWarnings("unchecked")
    public void init(StateStoreContext context, StateStore root) {
        if (open) {
            throw new IllegalStateException("suppression buffer '" + name + "' is already open");
        }
        if (keySerde == null) {
            keySerde = (Serde<K>) context.keySerde();
        }
        if (valueSerde == null) {
            valueSerde = (Serde<V>) context.valueSerde();
        }
        if (keySerde == null || valueSerde == null) {
            throw new IllegalStateException("suppression buffer '" + name + "' has no " + (keySerde == null ? "key" : "value")
                + " serde and the application sets no default; give the upstream table serdes with Materialized.with(..)");
        }
        if (loggingEnabled) {
            if (!(context instanceof StoreTaskContext stc)) {
                throw new IllegalStateException("suppression buffer '" + name + "': logging is enabled but the store's context"
                    + " cannot write a changelog; use BufferConfig.withLoggingDisabled()");
            }
            taskContext = stc;
        }
        changelogTopic = context.applicationId() + "-" + name + "-changelog";
        BatchingStateRestoreCallback restorer = this::restoreBatch;
        context.register(root, restorer);
        open = true;
    }

    @Override
    public void put(long time, K key, Change<V> change, Origin origin) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(change, "change must not be null");
        Bytes serializedKey = Bytes.wrap(keySerde.serializer().serialize(changelogTopic, origin.headers(), key));
        byte[] newValue = serializeValue(change.newValue(), origin);
        byte[] oldValue = serializeValue(change.oldValue(), origin);
        BufferKey place = index.get(serializedKey);
        BufferedChange earlier = place == null ? null : sorted.get(place);
        // The prior value is what the key had before it entered the buffer: the first update's old value.
        byte[] prior = earlier == null ? oldValue : earlier.prior();
        Origin copied = new Origin(origin.timestamp(), origin.offset(), origin.topic(), origin.partition(),
            new RecordHeaders(origin.headers()));
        BufferedChange entry = new BufferedChange(prior, oldValue, newValue, copied);
        if (place == null) {
            BufferKey newPlace = new BufferKey(time, serializedKey);
            index.put(serializedKey, newPlace);
            sorted.put(newPlace, entry);
            minTimestamp = Math.min(minTimestamp, time);
            sizeBytes += sizeOf(serializedKey, entry);
        } else {
            sorted.put(place, entry);
            sizeBytes += sizeOf(serializedKey, entry) - sizeOf(serializedKey, earlier);
        }
        if (loggingEnabled) {
            dirtyKeys.add(serializedKey);
        }
    }

    private byte[] serializeValue(V value, Origin origin) {
        return value == null ? null : valueSerde.serializer().serialize(changelogTopic, origin.headers(), value);
    }

    private static long sizeOf(Bytes key, BufferedChange entry) {
        return Long.BYTES + key.get().length + entry.sizeEstimate();
    }

    @Override
    public void evictWhile(BooleanSupplier predicate, Consumer<Eviction<K, V>> callback) {
        Iterator<Map.Entry<BufferKey, BufferedChange>> entries = sorted.entrySet().iterator();
        while (entries.hasNext() && predicate.getAsBoolean()) {
            Map.Entry<BufferKey, BufferedChange> next = entries.next();
            BufferedChange entry = next.getValue();
            Bytes key = next.getKey().key();
            Origin origin = entry.origin();
            K typedKey = keySerde.deserializer().deserialize(changelogTopic, origin.headers(), key.get());
            V newValue = entry.newValue() == null ? null : valueSerde.deserializer().deserialize(changelogTopic, origin.headers(), entry.newValue());
            V oldValue = entry.oldValue() == null ? null : valueSerde.deserializer().deserialize(changelogTopic, origin.headers(), entry.oldValue());
            callback.accept(new Eviction<>(typedKey, new Change<>(newValue, oldValue), origin));
            entries.remove();
            index.remove(key);
            if (loggingEnabled) {
                dirtyKeys.add(key);
            }
            sizeBytes -= sizeOf(key, entry);
            minTimestamp = sorted.isEmpty() ? Long.MAX_VALUE : sorted.firstKey().time();
        }
    }

    @Override
    public long minTimestamp() {
        return minTimestamp;
    }

    @Override
    public int numRecords() {
        return index.size();
    }

    @Override
    public long bufferSize() {
        return sizeBytes;
    }

    /** Writes every key changed since the last flush to the changelog: its entry, or a tombstone if it left. */
    @Override
    public void flush() {
        if (!loggingEnabled || dirtyKeys.isEmpty()) {
            return;
        }
        for (Bytes key : dirtyKeys) {
            BufferKey place = index.get(key);
            taskContext.logChange(name, key, place == null ? null : sorted.get(place).serialize(place.time()));
        }
        dirtyKeys.clear();
    }

    /** Applies changelog records in order: an entry replaces the key's, a tombstone removes it. */
    private void restoreBatch(Collection<KeyValue<byte[], byte[]>> records) {
        Objects.requireNonNull(records, () -> "restored records of suppression buffer '" + name + "' must not be null");
        for (KeyValue<byte[], byte[]> record : records) {
            Objects.requireNonNull(record.key, () -> "restored key of suppression buffer '" + name + "' is null");
            Bytes key = Bytes.wrap(record.key);
            BufferKey place = index.remove(key);
            if (place != null) {
                sizeBytes -= sizeOf(key, sorted.remove(place));
            }
            if (record.value != null) {
                BufferedChange.Restored restored = BufferedChange.deserialize(record.value, name);
                BufferKey newPlace = new BufferKey(restored.bufferTime(), key);
                index.put(key, newPlace);
                sorted.put(newPlace, restored.change());
                sizeBytes += sizeOf(key, restored.change());
            }
        }
        minTimestamp = sorted.isEmpty() ? Long.MAX_VALUE : sorted.firstKey().time();
    }

    /** Drops the content and closes the buffer; the changelog keeps what was flushed. Safe to call twice. */
    @Override
    public void close() {
        open = false;
        index.clear();
        sorted.clear();
        dirtyKeys.clear();
        sizeBytes = 0;
        minTimestamp = Long.MAX_VALUE;
    }

    /** @return {@code false}: the content lives in memory (and, with logging, in the changelog) */
    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
