package dev.rill.log.internal;

import dev.rill.common.record.TimestampType;
import dev.rill.log.CompressionType;

/**
 * The fixed-size header of a stored batch, read without touching its records; what recovery, index
 * rebuilding and offset lookups need.
 */
record BatchHeader(
    long baseOffset,
    int sizeInBytes,
    int attributes,
    int lastOffsetDelta,
    long baseTimestamp,
    long maxTimestamp,
    long producerId,
    short producerEpoch,
    int baseSequence,
    int recordCount) {

    long lastOffset() {
        return baseOffset + lastOffsetDelta;
    }

    long nextOffset() {
        return lastOffset() + 1;
    }

    boolean transactional() {
        return (attributes & BatchCodec.TRANSACTIONAL_FLAG) != 0;
    }

    boolean control() {
        return (attributes & BatchCodec.CONTROL_FLAG) != 0;
    }

    CompressionType compression() {
        return CompressionType.forId(attributes & BatchCodec.COMPRESSION_MASK);
    }

    TimestampType timestampType() {
        return (attributes & BatchCodec.LOG_APPEND_TIME_FLAG) != 0 ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
    }
}
