package dev.rill.log.internal;

import dev.rill.annotation.Internal;
import dev.rill.log.CompressionType;
import java.util.List;
import java.util.Objects;

/**
 * Records to append to a partition as one batch, with the producer fields a transactional or idempotent
 * producer sets. The log assigns consecutive offsets; the records' own offsets are ignored.
 *
 * @param producerId the producer id, {@code -1} for none
 * @param producerEpoch the producer epoch, {@code -1} for none
 * @param baseSequence the sequence number of the first record, {@code -1} for none
 * @param transactional whether the batch belongs to the producer's open transaction
 * @param compression how to compress the records
 * @param records at least one record
 */
@Internal
public record AppendBatch(long producerId, short producerEpoch, int baseSequence, boolean transactional,
                          CompressionType compression, List<LogRecord> records) {

    /**
     * @throws IllegalArgumentException if there are no records, or a transactional batch has no producer id
     */
    public AppendBatch {
        Objects.requireNonNull(compression, "compression must not be null");
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one record");
        }
        if (transactional && producerId < 0) {
            throw new IllegalArgumentException("a transactional batch needs a producer id >= 0, was " + producerId);
        }
    }

    /**
     * @param compression how to compress the records
     * @param records the records
     * @return a batch of no producer
     */
    public static AppendBatch of(CompressionType compression, List<LogRecord> records) {
        return new AppendBatch(-1, (short) -1, -1, false, compression, records);
    }

    /**
     * @param producerId the producer id
     * @param producerEpoch the producer epoch
     * @param compression how to compress the records
     * @param records the records
     * @return a batch of the producer's open transaction
     */
    public static AppendBatch transactional(long producerId, short producerEpoch, CompressionType compression,
                                            List<LogRecord> records) {
        return new AppendBatch(producerId, producerEpoch, -1, true, compression, records);
    }
}
