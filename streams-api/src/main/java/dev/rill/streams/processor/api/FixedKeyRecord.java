package dev.rill.streams.processor.api;

import dev.rill.annotation.Stable;
import dev.rill.common.header.Headers;
import dev.rill.common.header.RecordHeaders;
import java.util.Objects;

/**
 * A record whose key a {@link FixedKeyProcessor} cannot change, so that {@code processValues} never
 * needs a repartition. Only the runtime creates these; a processor derives new ones with the
 * {@code with...} methods.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public final class FixedKeyRecord<K, V> {
    private final K key;
    private final V value;
    private final long timestamp;
    private final Headers headers;

    FixedKeyRecord(K key, V value, long timestamp, Headers headers) {
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = new RecordHeaders(headers);
    }

    /** @return the key, may be {@code null} */
    public K key() {
        return key;
    }

    /** @return the value, may be {@code null} */
    public V value() {
        return value;
    }

    /** @return the timestamp in epoch milliseconds */
    public long timestamp() {
        return timestamp;
    }

    /** @return this record's headers (mutable; records derived from it get a copy) */
    public Headers headers() {
        return headers;
    }

    /**
     * @param value the new value
     * @param <NewV> the new value type
     * @return a copy with another value
     */
    public <NewV> FixedKeyRecord<K, NewV> withValue(NewV value) {
        return new FixedKeyRecord<>(key, value, timestamp, headers);
    }

    /**
     * @param timestamp the new timestamp in epoch milliseconds, {@code >= 0}
     * @return a copy with another timestamp
     * @throws dev.rill.streams.errors.StreamsException if the timestamp is negative
     */
    public FixedKeyRecord<K, V> withTimestamp(long timestamp) {
        new Record<>(key, value, timestamp, headers); // validates the timestamp with the same message
        return new FixedKeyRecord<>(key, value, timestamp, headers);
    }

    /**
     * @param headers the new headers
     * @return a copy with other headers
     */
    public FixedKeyRecord<K, V> withHeaders(Headers headers) {
        return new FixedKeyRecord<>(key, value, timestamp, headers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixedKeyRecord<?, ?> r && timestamp == r.timestamp && Objects.equals(key, r.key)
            && Objects.equals(value, r.value) && Objects.equals(headers, r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, timestamp, headers);
    }

    @Override
    public String toString() {
        return "FixedKeyRecord{key=" + key + ", value=" + value + ", timestamp=" + timestamp + ", headers=" + headers + '}';
    }
}
