package dev.rill.streams.state;

import dev.rill.annotation.Stable;

/**
 * A key-value store whose values carry the timestamp of the record that wrote them. The DSL keeps
 * tables and non-windowed aggregations in stores of this kind.
 *
 * @param <K> type of the keys
 * @param <V> type of the values, without their timestamps
 */
@Stable
public interface TimestampedKeyValueStore<K, V> extends KeyValueStore<K, ValueAndTimestamp<V>> {
}
