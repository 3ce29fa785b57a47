package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * An offset was negative, below the partition's log start offset (deleted by retention) or above its log end offset.
 */
@Evolving
public final class OffsetOutOfRangeException extends LogException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public OffsetOutOfRangeException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public OffsetOutOfRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
