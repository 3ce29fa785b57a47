package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * A topic was named that does not exist in this log. Create it first with {@link EmbeddedLog#createTopic}.
 */
@Evolving
public final class UnknownTopicException extends LogException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public UnknownTopicException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public UnknownTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
