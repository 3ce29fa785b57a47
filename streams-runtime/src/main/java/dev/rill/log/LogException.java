package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * The root of the errors of the built-in partition log. Messages name the topic, partition, offset or file involved.
 */
@Evolving
public class LogException extends dev.rill.common.errors.RillException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public LogException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
