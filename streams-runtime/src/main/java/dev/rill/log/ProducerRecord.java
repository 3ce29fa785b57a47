package dev.rill.log;

import dev.rill.annotation.Evolving;
import dev.rill.common.header.Headers;
import dev.rill.common.header.RecordHeaders;
import java.util.Objects;

/**
 * A record to send: the topic, optionally the partition (else the key, or the producer's spreading of
 * keyless records, picks it), optionally the timestamp (else the send time), the key, the value and headers.
 *
 * @param topic the topic
 * @param partition the partition, or {@code null} to let the producer choose
 * @param timestamp milliseconds since the epoch, or {@code null} for the time of {@code send}
 * @param key the key, may be {@code null}
 * @param value the value, may be {@code null}
 * @param headers the headers, never {@code null}
 * @param <K> key type
 * @param <V> value type
 */
@Evolving
public record ProducerRecord<K, V>(String topic, Integer partition, Long timestamp, K key, V value, Headers headers) {

    /** @throws IllegalArgumentException if partition or timestamp is negative */
    public ProducerRecord {
        Objects.requireNonNull(topic, "topic must not be null");
        headers = headers == null ? new RecordHeaders() : headers;
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("partition of a record for topic " + topic + " must be >= 0, was " + partition);
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException("timestamp of a record for topic " + topic + " must be >= 0, was " + timestamp);
        }
    }

    /**
     * A record for an explicit partition, without headers.
     *
     * @param topic the topic
     * @param partition the partition or {@code null}
     * @param key the key
     * @param value the value
     */
    public ProducerRecord(String topic, Integer partition, K key, V value) {
        this(topic, partition, null, key, value, null);
    }

    /**
     * A keyed record, partitioned by its key.
     *
     * @param topic the topic
     * @param key the key
     * @param value the value
     */
    public ProducerRecord(String topic, K key, V value) {
        this(topic, null, null, key, value, null);
    }

    /**
     * A record without key.
     *
     * @param topic the topic
     * @param value the value
     */
    public ProducerRecord(String topic, V value) {
        this(topic, null, null, null, value, null);
    }
}
