package dev.rill.common.header;

import dev.rill.annotation.Stable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable {@link Header}. Two headers are equal when their keys are equal and their values hold
 * the same bytes.
 */
@Stable
public final class RecordHeader implements Header {
    private final String key;
    private final byte[] value;

    /**
     * @param key the header key, not {@code null}
     * @param value the header value, may be {@code null}; the array is not copied
     * @throws NullPointerException if {@code key} is {@code null}
     */
    public RecordHeader(String key, byte[] value) {
        this.key = Objects.requireNonNull(key, "header key must not be null");
        this.value = value;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header other && key.equals(other.key()) && Arrays.equals(value, other.value());
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RecordHeader(key = " + key + ", value = "
            + (value == null ? "null" : new String(value, StandardCharsets.UTF_8)) + ")";
    }
}
