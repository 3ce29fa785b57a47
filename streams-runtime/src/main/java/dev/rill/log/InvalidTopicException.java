package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * A topic name is not allowed: empty, longer than 249 characters, {@code .} or {@code ..}, or with characters other than ASCII letters, digits, {@code .}, {@code _} and {@code -}.
 */
@Evolving
public final class InvalidTopicException extends LogException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public InvalidTopicException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public InvalidTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
