package dev.rill.streams.processor;

import dev.rill.annotation.Stable;

/** A callback scheduled with {@code ProcessorContext.schedule}. */
@Stable
@FunctionalInterface
public interface Punctuator {

    /**
     * Called when the schedule is due. Records forwarded from here get {@code timestamp} unless the
     * punctuator sets another.
     *
     * @param timestamp the current stream time or wall-clock time in epoch milliseconds, depending on the
     *     {@link PunctuationType} of the schedule
     */
    void punctuate(long timestamp);
}
