package dev.rill.streams.errors;

import dev.rill.annotation.Stable;
import dev.rill.common.errors.RillException;

/**
 * A failure while processing records: a user function threw, a record could not be serialized or
 * deserialized at a topology edge, or a processor broke a contract. The message names the operator and,
 * where known, the topic, partition and offset of the record being processed.
 */
@Stable
public class StreamsException extends RillException {

    /**
     * Creates an exception with a message.
     *
     * @param message what failed and where
     */
    public StreamsException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what failed and where
     * @param cause the underlying failure
     */
    public StreamsException(String message, Throwable cause) {
        super(message, cause);
    }
}
