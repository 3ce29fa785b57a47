package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * A batch of records is larger than the topic's {@code max.message.bytes}. Nothing of the batch was written.
 */
@Evolving
public final class RecordTooLargeException extends LogException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public RecordTooLargeException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public RecordTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
