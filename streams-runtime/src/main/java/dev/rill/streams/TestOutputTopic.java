package dev.rill.streams;

import dev.rill.annotation.Stable;
import dev.rill.common.serialization.Deserializer;
import dev.rill.streams.test.TestRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads what a topology wrote to one topic of a {@link TopologyTestDriver}. Records are read in the
 * order they were written and each is read once; reading from an empty topic throws
 * {@link java.util.NoSuchElementException}.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public final class TestOutputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;

    TestOutputTopic(TopologyTestDriver driver, String topic, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this.driver = driver;
        this.topic = Objects.requireNonNull(topic, "topic must not be null");
        this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer must not be null");
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer must not be null");
    }

    /**
     * @return the next value
     * @throws java.util.NoSuchElementException if the topic has no unread record
     */
    public V readValue() {
        return readRecord().value();
    }

    /**
     * @return the next key and value
     * @throws java.util.NoSuchElementException if the topic has no unread record
     */
    public KeyValue<K, V> readKeyValue() {
        TestRecord<K, V> r = readRecord();
        return new KeyValue<>(r.key(), r.value());
    }

    /**
     * @return the next record with its headers and timestamp
     * @throws java.util.NoSuchElementException if the topic has no unread record
     */
    public TestRecord<K, V> readRecord() {
        return driver.readRecord(topic, keyDeserializer, valueDeserializer);
    }

    /** @return every unread record, in order */
    public List<TestRecord<K, V>> readRecordsToList() {
        return driver.readRecords(topic, keyDeserializer, valueDeserializer);
    }

    /** @return every unread key-value pair, in order */
    public List<KeyValue<K, V>> readKeyValuesToList() {
        List<TestRecord<K, V>> records = readRecordsToList();
        List<KeyValue<K, V>> out = new ArrayList<>(records.size());
        for (TestRecord<K, V> r : records) {
            out.add(new KeyValue<>(r.key(), r.value()));
        }
        return out;
    }

    /** @return every unread value, in order */
    public List<V> readValuesToList() {
        List<TestRecord<K, V>> records = readRecordsToList();
        List<V> out = new ArrayList<>(records.size());
        for (TestRecord<K, V> r : records) {
            out.add(r.value());
        }
        return out;
    }

    /**
     * Reads every unread record into a map holding the latest value per key, as a table would. A
     * {@code null} value is kept as a {@code null} entry.
     *
     * @return the latest value per key, in first-seen key order
     * @throws IllegalStateException if a record has a {@code null} key, which a map cannot hold
     */
    public Map<K, V> readKeyValuesToMap() {
        Map<K, V> out = new LinkedHashMap<>();
        while (!isEmpty()) {
            TestRecord<K, V> r = readRecord();
            if (r.key() == null) {
                throw new IllegalStateException("readKeyValuesToMap cannot hold the record with a null key (value " + r.value()
                    + ") read from topic '" + topic + "'; use readKeyValuesToList or readRecordsToList for keyless topics");
            }
            out.put(r.key(), r.value());
        }
        return out;
    }

    /** @return how many records are unread */
    public long getQueueSize() {
        return driver.queueSize(topic);
    }

    /** @return whether every record has been read */
    public boolean isEmpty() {
        return getQueueSize() == 0;
    }

    @Override
    public String toString() {
        return "TestOutputTopic[topic=" + topic + ", size=" + getQueueSize() + "]";
    }
}
