package dev.rill.common.errors;

import dev.rill.annotation.Stable;

/**
 * The root of every exception Rill throws on purpose. Messages name what was wrong and where (the topic,
 * partition, offset, operator, store or setting involved) and, where there is one, what to do about it.
 */
@Stable
public class RillException extends RuntimeException {

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public RillException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public RillException(String message, Throwable cause) {
        super(message, cause);
    }
}
