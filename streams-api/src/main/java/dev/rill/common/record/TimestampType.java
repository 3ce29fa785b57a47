package dev.rill.common.record;

import dev.rill.annotation.Stable;

/** Where a record's timestamp came from. */
@Stable
public enum TimestampType {
    /** The record carries no timestamp. */
    NO_TIMESTAMP_TYPE,
    /** The timestamp was set by the producer when the record was created. */
    CREATE_TIME,
    /** The timestamp was set by the log when the record was appended. */
    LOG_APPEND_TIME
}
