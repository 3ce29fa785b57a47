package dev.rill.streams.test;

import dev.rill.annotation.Stable;
import dev.rill.common.header.Headers;
import dev.rill.common.header.RecordHeaders;
import java.time.Instant;
import java.util.Objects;

/**
 * A record piped into or read from a {@code TopologyTestDriver}: key, value, headers and an optional
 * record time. Without a record time, an input topic stamps it with its own clock.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public final class TestRecord<K, V> {
    private final K key;
    private final V value;
    private final Headers headers;
    private final Instant recordTime;

    /**
     * @param key the key
     * @param value the value
     * @param headers the headers; {@code null} means none
     * @param recordTime the record time, or {@code null} to let the input topic choose
     */
    public TestRecord(K key, V value, Headers headers, Instant recordTime) {
        this.key = key;
        this.value = value;
        this.headers = headers == null ? new RecordHeaders() : headers;
        this.recordTime = recordTime;
    }

    /**
     * @param key the key
     * @param value the value
     * @param headers the headers; {@code null} means none
     * @param timestampMs the record time in epoch milliseconds, or {@code null}
     * @throws IllegalArgumentException if the timestamp is negative
     */
    public TestRecord(K key, V value, Headers headers, Long timestampMs) {
        this(key, value, headers, toInstant(timestampMs));
    }

    /**
     * @param key the key
     * @param value the value
     * @param recordTime the record time, or {@code null}
     */
    public TestRecord(K key, V value, Instant recordTime) {
        this(key, value, null, recordTime);
    }

    /**
     * @param key the key
     * @param value the value
     * @param headers the headers
     */
    public TestRecord(K key, V value, Headers headers) {
        this(key, value, headers, (Instant) null);
    }

    /**
     * @param key the key
     * @param value the value
     */
    public TestRecord(K key, V value) {
        this(key, value, null, (Instant) null);
    }

    /**
     * A record with a {@code null} key.
     *
     * @param value the value
     */
    public TestRecord(V value) {
        this(null, value);
    }

    private static Instant toInstant(Long timestampMs) {
        if (timestampMs == null) {
            return null;
        }
        if (timestampMs < 0) {
            throw new IllegalArgumentException("timestamp must not be negative, got " + timestampMs);
        }
        return Instant.ofEpochMilli(timestampMs);
    }

    /** @return the key */
    public K key() {
        return key;
    }

    /** @return the value */
    public V value() {
        return value;
    }

    /** @return the headers, never {@code null} */
    public Headers headers() {
        return headers;
    }

    /** @return the record time in epoch milliseconds, or {@code null} if unset */
    public Long timestamp() {
        return recordTime == null ? null : recordTime.toEpochMilli();
    }

    /** @return the key */
    public K getKey() {
        return key;
    }

    /** @return the value */
    public V getValue() {
        return value;
    }

    /** @return the headers */
    public Headers getHeaders() {
        return headers;
    }

    /** @return the record time, or {@code null} if unset */
    public Instant getRecordTime() {
        return recordTime;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestRecord<?, ?> r && Objects.equals(key, r.key) && Objects.equals(value, r.value)
            && Objects.equals(headers, r.headers) && Objects.equals(recordTime, r.recordTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, headers, recordTime);
    }

    @Override
    public String toString() {
        return "TestRecord[key=" + key + ", value=" + value + ", headers=" + headers + ", recordTime=" + recordTime + "]";
    }
}
