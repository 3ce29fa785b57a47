package dev.rill.streams.processor;

import dev.rill.annotation.Stable;
import dev.rill.clients.consumer.ConsumerRecord;

/**
 * A {@link TimestampExtractor} that ignores the record's own timestamp and uses the current wall-clock
 * time ({@link System#currentTimeMillis()}) at the moment the record is read. This gives processing-time
 * semantics: results depend on when records are processed, so reprocessing the same input can give
 * different windows.
 */
@Stable
public final class WallclockTimestampExtractor implements TimestampExtractor {

    /** Creates the extractor. It holds no state. */
    public WallclockTimestampExtractor() {
    }

    /**
     * Returns the current time.
     *
     * @param record ignored
     * @param partitionTime ignored
     * @return {@link System#currentTimeMillis()}, in epoch milliseconds
     */
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return System.currentTimeMillis();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
