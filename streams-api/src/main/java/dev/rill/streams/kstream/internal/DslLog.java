package dev.rill.streams.kstream.internal;

import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.RecordMetadata;
import java.util.Optional;

/** Where a DSL operator is in its input, for log lines about records it drops. */
final class DslLog {
    private DslLog() {
    }

    /**
     * @param context the operator's context
     * @return {@code topic=.. partition=.. offset=..}, or a note that the position is unknown
     */
    static String position(ProcessorContext<?, ?> context) {
        Optional<RecordMetadata> metadata = context.recordMetadata();
        return metadata.map(m -> "topic=" + m.topic() + " partition=" + m.partition() + " offset=" + m.offset())
            .orElse("position in the input unknown");
    }
}
