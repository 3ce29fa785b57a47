package dev.rill.log;

import dev.rill.annotation.Evolving;
import java.util.Objects;

/**
 * A committed position of a consumer group in one partition: the offset of the next record to read, and a
 * free-form text.
 *
 * @param offset the next offset to read, {@code >= 0}
 * @param metadata any text, never {@code null}
 */
@Evolving
public record OffsetAndMetadata(long offset, String metadata) {

    /** @throws IllegalArgumentException if the offset is negative */
    public OffsetAndMetadata {
        if (offset < 0) {
            throw new IllegalArgumentException("a committed offset must be >= 0, was " + offset);
        }
        metadata = Objects.requireNonNullElse(metadata, "");
    }

    /** @param offset the next offset to read */
    public OffsetAndMetadata(long offset) {
        this(offset, "");
    }
}
