package dev.rill.streams.processor.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.processor.api.ProcessorContext;

/**
 * Implemented by the runtime's processor contexts: counts records that an operator drops (null keys,
 * late records, undeserializable input) in the task's {@code dropped-records} metric.
 */
@Internal
public interface DroppedRecordsRecorder {

    /** Counts one dropped record. */
    void recordDroppedRecord();

    /**
     * Counts one dropped record if the context belongs to a runtime that keeps the metric.
     *
     * @param context the processor's context
     */
    static void recordDropped(ProcessorContext<?, ?> context) {
        if (context instanceof DroppedRecordsRecorder recorder) {
            recorder.recordDroppedRecord();
        }
    }
}
