package dev.rill.clients.consumer;

import dev.rill.annotation.Stable;
import dev.rill.common.header.Headers;
import dev.rill.common.header.RecordHeaders;
import dev.rill.common.record.TimestampType;
import java.util.Objects;

/**
 * A record as read from a topic partition: where it sits (topic, partition, offset), its timestamp and
 * where that came from, and its key, value and headers. This is what a
 * {@link dev.rill.streams.processor.TimestampExtractor} sees.
 *
 * @param topic the topic the record was read from
 * @param partition the partition, {@code >= 0}
 * @param offset the record's offset in the partition
 * @param timestamp the timestamp in epoch milliseconds
 * @param timestampType where {@code timestamp} came from
 * @param key the key, may be {@code null}
 * @param value the value, may be {@code null}
 * @param headers the headers, never {@code null}
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public record ConsumerRecord<K, V>(
    String topic,
    int partition,
    long offset,
    long timestamp,
    TimestampType timestampType,
    K key,
    V value,
    Headers headers) {

    /**
     * Checks the parts that must be present.
     *
     * @param topic the topic
     * @param partition the partition
     * @param offset the offset
     * @param timestamp the timestamp in epoch milliseconds
     * @param timestampType where the timestamp came from
     * @param key the key
     * @param value the value
     * @param headers the headers
     * @throws NullPointerException if topic, timestampType or headers is {@code null}
     */
    public ConsumerRecord {
        Objects.requireNonNull(topic, "topic must not be null");
        Objects.requireNonNull(timestampType, "timestampType must not be null");
        Objects.requireNonNull(headers, "headers must not be null");
    }

    /**
     * Creates a record with no timestamp and no headers.
     *
     * @param topic the topic
     * @param partition the partition
     * @param offset the offset
     * @param key the key
     * @param value the value
     */
    public ConsumerRecord(String topic, int partition, long offset, K key, V value) {
        this(topic, partition, offset, -1L, TimestampType.NO_TIMESTAMP_TYPE, key, value, new RecordHeaders());
    }
}
