package dev.rill.streams.state;

import dev.rill.annotation.Stable;

/**
 * A window store whose values carry the timestamp of the record that last wrote them: what windowed DSL
 * aggregations keep their results in. Its changelog values are the 8-byte big-endian timestamp followed
 * by the serialized value.
 *
 * @param <K> type of the keys
 * @param <V> type of the values, without their timestamps
 */
@Stable
public interface TimestampedWindowStore<K, V> extends WindowStore<K, ValueAndTimestamp<V>> {
}
