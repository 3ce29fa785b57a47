package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import java.util.Objects;

/**
 * A value together with the timestamp of the record that last wrote it: what the stores behind
 * DSL tables and windowed aggregations hold, so that results carry the right timestamp downstream.
 *
 * @param <V> type of the value
 */
@Stable
public final class ValueAndTimestamp<V> {
    private final V value;
    private final long timestamp;

    private ValueAndTimestamp(V value, long timestamp) {
        this.value = Objects.requireNonNull(value, "value");
        this.timestamp = timestamp;
    }

    /**
     * @param value the value; {@code null} stands for "no value"
     * @param timestamp timestamp in milliseconds since the epoch
     * @return the pair, or {@code null} if {@code value} is {@code null}
     */
    public static <V> ValueAndTimestamp<V> make(V value, long timestamp) {
        return value == null ? null : new ValueAndTimestamp<>(value, timestamp);
    }

    /**
     * @param valueAndTimestamp a pair, or {@code null}
     * @return its value, or {@code null} if the pair is {@code null}
     */
    public static <V> V getValueOrNull(ValueAndTimestamp<V> valueAndTimestamp) {
        return valueAndTimestamp == null ? null : valueAndTimestamp.value;
    }

    /** @return the value, never {@code null} */
    public V value() {
        return value;
    }

    /** @return the timestamp in milliseconds since the epoch */
    public long timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueAndTimestamp<?> v && timestamp == v.timestamp && value.equals(v.value);
    }

    @Override
    public int hashCode() {
        return 31 * value.hashCode() + Long.hashCode(timestamp);
    }

    /** @return {@code <value,timestamp>} */
    @Override
    public String toString() {
        return "<" + value + "," + timestamp + ">";
    }
}
