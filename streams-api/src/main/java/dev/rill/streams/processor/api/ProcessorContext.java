package dev.rill.streams.processor.api;

import dev.rill.annotation.Stable;

/**
 * The context of a {@link Processor}: everything in {@link ProcessingContext} plus forwarding records to
 * the next processors.
 *
 * @param <KForward> the key type this processor forwards
 * @param <VForward> the value type this processor forwards
 */
@Stable
public interface ProcessorContext<KForward, VForward> extends ProcessingContext {

    /**
     * Sends a record to every child of this processor, one after the other, each child finishing
     * (including everything downstream of it) before the next starts.
     *
     * @param record the record
     * @param <K> key type
     * @param <V> value type
     */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record);

    /**
     * Sends a record to one named child.
     *
     * @param record the record
     * @param childName the name of a child of this processor
     * @param <K> key type
     * @param <V> value type
     * @throws dev.rill.streams.errors.StreamsException if this processor has no child of that name
     */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record, String childName);
}
