package dev.rill.log.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.header.Header;
import java.util.Objects;

/**
 * One record as stored in a partition: its offset, timestamp, key, value and headers. Arrays are not
 * copied; treat them as read-only.
 *
 * @param offset the record's offset in its partition
 * @param timestamp milliseconds since the epoch; for a topic with {@code LogAppendTime}, the append time
 * @param key the key bytes, or {@code null}
 * @param value the value bytes, or {@code null} (a tombstone)
 * @param headers the headers in order, never {@code null}
 */
@Internal
public record LogRecord(long offset, long timestamp, byte[] key, byte[] value, Header[] headers) {
    private static final Header[] NO_HEADERS = new Header[0];

    /** @throws NullPointerException never for headers: {@code null} becomes no headers */
    public LogRecord {
        headers = headers == null ? NO_HEADERS : headers;
        Objects.requireNonNull(headers);
    }

    /**
     * A record to append: its offset is assigned by the log.
     *
     * @param timestamp milliseconds since the epoch
     * @param key the key bytes or {@code null}
     * @param value the value bytes or {@code null}
     * @param headers the headers or {@code null}
     * @return the record with offset 0
     */
    public static LogRecord of(long timestamp, byte[] key, byte[] value, Header... headers) {
        return new LogRecord(0, timestamp, key, value, headers);
    }
}
