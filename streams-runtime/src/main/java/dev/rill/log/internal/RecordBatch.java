package dev.rill.log.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.record.TimestampType;
import dev.rill.log.CompressionType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A decoded batch: its header fields and its records (decompressed). A control batch holds one record
 * whose key names the {@link ControlType}. Batches of a compacted partition may have gaps between their
 * records' offsets; {@link #lastOffset()} is still the last offset the batch was written with.
 *
 * @param baseOffset offset of the first record as written
 * @param lastOffsetDelta last offset minus base offset
 * @param compression how the records section is stored
 * @param timestampType where the record timestamps come from
 * @param transactional whether the batch belongs to a transaction of its producer
 * @param control whether this is a transaction marker
 * @param producerId the producer id, {@code -1} for none
 * @param producerEpoch the producer epoch, {@code -1} for none
 * @param baseSequence sequence number of the first record, {@code -1} for none
 * @param maxTimestamp the largest record timestamp of the batch (the append time for LogAppendTime)
 * @param crc the stored CRC32C
 * @param sizeInBytes size of the batch as stored
 * @param records the records in offset order
 */
@Internal
public record RecordBatch(
    long baseOffset,
    int lastOffsetDelta,
    CompressionType compression,
    TimestampType timestampType,
    boolean transactional,
    boolean control,
    long producerId,
    short producerEpoch,
    int baseSequence,
    long maxTimestamp,
    long crc,
    int sizeInBytes,
    List<LogRecord> records) {

    /** @return offset of the last record as written */
    public long lastOffset() {
        return baseOffset + lastOffsetDelta;
    }

    /** @return the offset after this batch */
    public long nextOffset() {
        return lastOffset() + 1;
    }

    /** @return for a control batch its marker type, else {@code null} */
    public ControlType controlType() {
        if (!control || records.isEmpty() || records.get(0).key() == null || records.get(0).key().length < 4) {
            return null;
        }
        return ControlType.forId(ByteBuffer.wrap(records.get(0).key()).order(ByteOrder.BIG_ENDIAN).getShort(2));
    }
}
