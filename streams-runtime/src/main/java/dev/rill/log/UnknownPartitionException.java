package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * A partition number was negative or not below the topic's partition count.
 */
@Evolving
public final class UnknownPartitionException extends LogException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public UnknownPartitionException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public UnknownPartitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
