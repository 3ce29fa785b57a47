package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * A record is not acceptable for its topic, for example a record without a key on a compacted topic. Nothing of the batch was written.
 */
@Evolving
public final class InvalidRecordException extends LogException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public InvalidRecordException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
