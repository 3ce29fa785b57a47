package dev.rill.streams.processor.api;

import dev.rill.annotation.Stable;
import dev.rill.common.header.Headers;
import dev.rill.common.header.RecordHeaders;
import dev.rill.streams.errors.StreamsException;
import java.util.Objects;

/**
 * A record travelling through a topology: key, value, timestamp and headers. Immutable in its key,
 * value and timestamp: the {@code with...} methods return a new record. Every record, including one
 * derived with a {@code with...} method, has its own copy of the headers, so a processor may change the
 * headers of the record it forwards without affecting any other record.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public final class Record<K, V> {
    private final K key;
    private final V value;
    private final long timestamp;
    private final Headers headers;

    /**
     * @param key the key, may be {@code null}
     * @param value the value, may be {@code null}
     * @param timestamp epoch milliseconds, {@code >= 0}
     * @param headers the headers, copied; {@code null} means none
     * @throws StreamsException if the timestamp is negative
     */
    public Record(K key, V value, long timestamp, Headers headers) {
        if (timestamp < 0) {
            throw new StreamsException("A record timestamp must not be negative, got " + timestamp
                + " (key=" + key + "). Set a valid timestamp with Record.withTimestamp(...)");
        }
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = new RecordHeaders(headers);
    }

    /**
     * Creates a record with empty headers.
     *
     * @param key the key, may be {@code null}
     * @param value the value, may be {@code null}
     * @param timestamp epoch milliseconds, {@code >= 0}
     * @throws StreamsException if the timestamp is negative
     */
    public Record(K key, V value, long timestamp) {
        this(key, value, timestamp, null);
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
     * @param key the new key
     * @param <NewK> the new key type
     * @return a copy with another key
     */
    public <NewK> Record<NewK, V> withKey(NewK key) {
        return new Record<>(key, value, timestamp, headers);
    }

    /**
     * @param value the new value
     * @param <NewV> the new value type
     * @return a copy with another value
     */
    public <NewV> Record<K, NewV> withValue(NewV value) {
        return new Record<>(key, value, timestamp, headers);
    }

    /**
     * @param timestamp the new timestamp in epoch milliseconds, {@code >= 0}
     * @return a copy with another timestamp
     * @throws StreamsException if the timestamp is negative
     */
    public Record<K, V> withTimestamp(long timestamp) {
        return new Record<>(key, value, timestamp, headers);
    }

    /**
     * @param headers the new headers
     * @return a copy with other headers
     */
    public Record<K, V> withHeaders(Headers headers) {
        return new Record<>(key, value, timestamp, headers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record<?, ?> r && timestamp == r.timestamp && Objects.equals(key, r.key)
            && Objects.equals(value, r.value) && Objects.equals(headers, r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, timestamp, headers);
    }

    @Override
    public String toString() {
        return "Record{key=" + key + ", value=" + value + ", timestamp=" + timestamp + ", headers=" + headers + '}';
    }
}
