package dev.rill.streams.processor.api;

import dev.rill.annotation.Stable;

/** Where the input record being processed was read from. */
@Stable
public interface RecordMetadata {

    /** @return the input topic */
    String topic();

    /** @return the input partition */
    int partition();

    /** @return the input offset */
    long offset();
}
