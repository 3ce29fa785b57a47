package dev.rill.streams;

import dev.rill.annotation.Stable;
import dev.rill.common.header.Headers;
import dev.rill.common.header.RecordHeaders;
import dev.rill.common.serialization.Serializer;
import dev.rill.streams.test.TestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Pipes records into one input topic of a {@link TopologyTestDriver}. Each piped record is processed
 * completely (including everything it causes downstream) before the call returns.
 *
 * <p>The topic keeps its own clock for records piped without a time: each such record gets the current
 * time, and then the clock moves forward by the auto-advance step given at creation (zero by default).
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public final class TestInputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private Instant currentTime;
    private final Duration advance;

    TestInputTopic(TopologyTestDriver driver, String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer,
                   Instant startTime, Duration autoAdvance) {
        this.driver = driver;
        this.topic = Objects.requireNonNull(topic, "topic must not be null");
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer must not be null");
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer must not be null");
        this.currentTime = Objects.requireNonNull(startTime, "startTimestamp must not be null");
        this.advance = Objects.requireNonNull(autoAdvance, "autoAdvance must not be null");
        if (autoAdvance.isNegative()) {
            throw new IllegalArgumentException("autoAdvance must not be negative, got " + autoAdvance);
        }
    }

    /**
     * Moves this topic's clock forward.
     *
     * @param advance how far, not negative
     * @throws IllegalArgumentException if negative
     */
    public void advanceTime(Duration advance) {
        if (advance.isNegative()) {
            throw new IllegalArgumentException("advance must not be negative, got " + advance);
        }
        currentTime = currentTime.plus(advance);
    }

    private Instant nextTime() {
        Instant t = currentTime;
        currentTime = currentTime.plus(advance);
        return t;
    }

    /**
     * Pipes one record; without a record time it gets the topic's clock.
     *
     * @param record the record
     */
    public void pipeInput(TestRecord<K, V> record) {
        Instant time = record.getRecordTime() != null ? record.getRecordTime() : nextTime();
        pipe(record.key(), record.value(), record.headers(), time.toEpochMilli());
    }

    private void pipe(K key, V value, Headers recordHeaders, long timestampMs) {
        // The serializers may add headers; the caller's headers stay as they were.
        Headers headers = new RecordHeaders(recordHeaders);
        byte[] keyBytes = keySerializer.serialize(topic, headers, key);
        byte[] valueBytes = valueSerializer.serialize(topic, headers, value);
        driver.pipeRaw(topic, keyBytes, valueBytes, headers, timestampMs);
    }

    /**
     * Pipes a value with a {@code null} key.
     *
     * @param value the value
     */
    public void pipeInput(V value) {
        pipeInput(new TestRecord<>(value));
    }

    /**
     * Pipes a key and a value.
     *
     * @param key the key
     * @param value the value
     */
    public void pipeInput(K key, V value) {
        pipeInput(new TestRecord<>(key, value));
    }

    /**
     * Pipes a value with a {@code null} key at a given time.
     *
     * @param value the value
     * @param timestamp the record time
     */
    public void pipeInput(V value, Instant timestamp) {
        pipeInput(new TestRecord<>(null, value, timestamp));
    }

    /**
     * Pipes a key and a value at a given time.
     *
     * @param key the key
     * @param value the value
     * @param timestampMs the record time in epoch milliseconds
     * @throws IllegalArgumentException if the timestamp is negative
     */
    public void pipeInput(K key, V value, long timestampMs) {
        // As pipeInput(new TestRecord<>(key, value, null, timestampMs)), without building the record.
        if (timestampMs < 0) {
            throw new IllegalArgumentException("timestamp must not be negative, got " + timestampMs);
        }
        pipe(key, value, null, timestampMs);
    }

    /**
     * Pipes a key and a value at a given time.
     *
     * @param key the key
     * @param value the value
     * @param timestamp the record time
     */
    public void pipeInput(K key, V value, Instant timestamp) {
        pipeInput(new TestRecord<>(key, value, timestamp));
    }

    /**
     * Pipes records in order.
     *
     * @param records the records
     */
    public void pipeRecordList(List<? extends TestRecord<K, V>> records) {
        records.forEach(this::pipeInput);
    }

    /**
     * Pipes key-value pairs in order, timed by the topic's clock.
     *
     * @param keyValues the pairs
     */
    public void pipeKeyValueList(List<KeyValue<K, V>> keyValues) {
        keyValues.forEach(kv -> pipeInput(kv.key, kv.value));
    }

    /**
     * Pipes values with {@code null} keys in order, timed by the topic's clock.
     *
     * @param values the values
     */
    public void pipeValueList(List<V> values) {
        values.forEach(this::pipeInput);
    }

    /**
     * Pipes key-value pairs, the first at {@code startTimestamp} and each next one {@code advance} later.
     *
     * @param keyValues the pairs
     * @param startTimestamp time of the first record
     * @param advance step between records
     */
    public void pipeKeyValueList(List<KeyValue<K, V>> keyValues, Instant startTimestamp, Duration advance) {
        Instant t = startTimestamp;
        for (KeyValue<K, V> kv : keyValues) {
            pipeInput(kv.key, kv.value, t);
            t = t.plus(advance);
        }
    }

    /**
     * Pipes values with {@code null} keys, the first at {@code startTimestamp} and each next one {@code advance} later.
     *
     * @param values the values
     * @param startTimestamp time of the first record
     * @param advance step between records
     */
    public void pipeValueList(List<V> values, Instant startTimestamp, Duration advance) {
        Instant t = startTimestamp;
        for (V v : values) {
            pipeInput(v, t);
            t = t.plus(advance);
        }
    }

    @Override
    public String toString() {
        return "TestInputTopic[topic=" + topic + ", keySerializer=" + keySerializer.getClass().getSimpleName()
            + ", valueSerializer=" + valueSerializer.getClass().getSimpleName() + "]";
    }
}
