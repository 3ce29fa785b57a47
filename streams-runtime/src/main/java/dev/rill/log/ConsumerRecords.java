package dev.rill.log;

import dev.rill.annotation.Evolving;
import dev.rill.clients.consumer.ConsumerRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records one {@link Consumer#poll} returned, grouped by partition, each partition's in offset order.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Evolving
public final class ConsumerRecords<K, V> implements Iterable<ConsumerRecord<K, V>> {
    private final Map<TopicPartition, List<ConsumerRecord<K, V>>> records;
    private final int count;

    /**
     * @param records per partition, the records in offset order; copied
     */
    public ConsumerRecords(Map<TopicPartition, List<ConsumerRecord<K, V>>> records) {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> copy = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<TopicPartition, List<ConsumerRecord<K, V>>> e : records.entrySet()) {
            if (!e.getValue().isEmpty()) {
                copy.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(e.getValue())));
                n += e.getValue().size();
            }
        }
        this.records = Collections.unmodifiableMap(copy);
        this.count = n;
    }

    /**
     * @param <K> key type
     * @param <V> value type
     * @return no records
     */
    public static <K, V> ConsumerRecords<K, V> empty() {
        return new ConsumerRecords<>(Map.of());
    }

    /**
     * @param partition a partition
     * @return its records in offset order, empty if none
     */
    public List<ConsumerRecord<K, V>> records(TopicPartition partition) {
        return records.getOrDefault(partition, List.of());
    }

    /**
     * @param topic a topic
     * @return the records of all its partitions
     */
    public List<ConsumerRecord<K, V>> records(String topic) {
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        records.forEach((tp, list) -> {
            if (tp.topic().equals(topic)) {
                out.addAll(list);
            }
        });
        return out;
    }

    /** @return the partitions that have records */
    public Set<TopicPartition> partitions() {
        return records.keySet();
    }

    /** @return the number of records */
    public int count() {
        return count;
    }

    /** @return whether there are no records */
    public boolean isEmpty() {
        return count == 0;
    }

    /** Iterates partition by partition, each in offset order. */
    @Override
    public Iterator<ConsumerRecord<K, V>> iterator() {
        Iterator<List<ConsumerRecord<K, V>>> partitions = records.values().iterator();
        return new Iterator<>() {
            private Iterator<ConsumerRecord<K, V>> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && partitions.hasNext()) {
                    current = partitions.next().iterator();
                }
                return current.hasNext();
            }

            @Override
            public ConsumerRecord<K, V> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException("no more records in this poll's result");
                }
                return current.next();
            }
        };
    }
}
