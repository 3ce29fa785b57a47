package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * A topic was created that already exists in this log.
 */
@Evolving
public final class TopicExistsException extends LogException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public TopicExistsException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public TopicExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
