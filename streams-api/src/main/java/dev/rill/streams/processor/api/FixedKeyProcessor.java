package dev.rill.streams.processor.api;

import dev.rill.annotation.Stable;

/**
 * A processor that may change values but not keys ({@code KStream.processValues}).
 *
 * @param <KIn> key type
 * @param <VIn> input value type
 * @param <VOut> output value type
 */
@Stable
public interface FixedKeyProcessor<KIn, VIn, VOut> {

    /**
     * Called once before the first record. The default does nothing.
     *
     * @param context this processor's context
     */
    default void init(FixedKeyProcessorContext<KIn, VOut> context) {
    }

    /**
     * Processes one record.
     *
     * @param record the record
     */
    void process(FixedKeyRecord<KIn, VIn> record);

    /** Called once when the task closes. The default does nothing. */
    default void close() {
    }
}
