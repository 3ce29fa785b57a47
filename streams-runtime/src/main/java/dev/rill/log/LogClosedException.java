package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * The log was used after {@link EmbeddedLog#close()}.
 */
@Evolving
public final class LogClosedException extends LogException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public LogClosedException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public LogClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
