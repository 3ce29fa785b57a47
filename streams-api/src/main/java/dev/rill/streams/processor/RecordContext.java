package dev.rill.streams.processor;

import dev.rill.annotation.Stable;
import dev.rill.common.header.Headers;

/** Where the record being processed came from. Given to a {@link TopicNameExtractor}. */
@Stable
public interface RecordContext {

    /** @return the topic of the input record, or {@code null} when processing started in a punctuator */
    String topic();

    /** @return the partition of the input record, or -1 when processing started in a punctuator */
    int partition();

    /** @return the offset of the input record, or -1 when processing started in a punctuator */
    long offset();

    /** @return the timestamp of the record being written, in epoch milliseconds */
    long timestamp();

    /** @return the headers of the record being written */
    Headers headers();
}
