package dev.rill.streams.processor.api;

import dev.rill.annotation.Stable;

/**
 * A step of a topology that receives records one at a time and may forward any number of records.
 * One instance serves one task and is called from one thread; it need not be thread-safe.
 *
 * @param <KIn> input key type
 * @param <VIn> input value type
 * @param <KOut> output key type
 * @param <VOut> output value type
 */
@Stable
public interface Processor<KIn, VIn, KOut, VOut> {

    /**
     * Called once before the first record. Keep the context to forward records, read stores and schedule
     * punctuations. The default does nothing.
     *
     * @param context this processor's context
     */
    default void init(ProcessorContext<KOut, VOut> context) {
    }

    /**
     * Processes one record.
     *
     * @param record the record
     */
    void process(Record<KIn, VIn> record);

    /** Called once when the task closes. Do not forward records here. The default does nothing. */
    default void close() {
    }
}
