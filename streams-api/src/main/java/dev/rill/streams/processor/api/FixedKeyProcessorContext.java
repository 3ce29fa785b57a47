package dev.rill.streams.processor.api;

import dev.rill.annotation.Stable;

/**
 * The context of a {@link FixedKeyProcessor}: forwarding is limited to {@link FixedKeyRecord}s, so the key
 * cannot change.
 *
 * @param <KForward> the key type (unchanged from the input)
 * @param <VForward> the value type this processor forwards
 */
@Stable
public interface FixedKeyProcessorContext<KForward, VForward> extends ProcessingContext {

    /**
     * Sends a record to every child of this processor.
     *
     * @param record the record
     * @param <K> key type
     * @param <V> value type
     */
    <K extends KForward, V extends VForward> void forward(FixedKeyRecord<K, V> record);

    /**
     * Sends a record to one named child.
     *
     * @param record the record
     * @param childName the name of a child of this processor
     * @param <K> key type
     * @param <V> value type
     * @throws dev.rill.streams.errors.StreamsException if this processor has no child of that name
     */
    <K extends KForward, V extends VForward> void forward(FixedKeyRecord<K, V> record, String childName);
}
