package dev.rill.streams.processor.api;

import dev.rill.annotation.Internal;

/**
 * Creates {@link FixedKeyRecord}s from {@link Record}s. Internal: only the runtime may create fixed-key
 * records, which is what keeps their keys fixed.
 */
@Internal
public final class FixedKeyRecords {
    private FixedKeyRecords() {
    }

    /**
     * @param record the record to wrap
     * @param <K> key type
     * @param <V> value type
     * @return a fixed-key record with the same key, value, timestamp and headers
     */
    public static <K, V> FixedKeyRecord<K, V> from(Record<K, V> record) {
        return new FixedKeyRecord<>(record.key(), record.value(), record.timestamp(), record.headers());
    }

    /**
     * @param record the fixed-key record to unwrap
     * @param <K> key type
     * @param <V> value type
     * @return a record with the same key, value, timestamp and headers
     */
    public static <K, V> Record<K, V> toRecord(FixedKeyRecord<K, V> record) {
        return new Record<>(record.key(), record.value(), record.timestamp(), record.headers());
    }
}
