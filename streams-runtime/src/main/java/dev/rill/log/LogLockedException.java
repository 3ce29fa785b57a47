package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * The log directory is already open, in this process or another one; the message names the holder (pid and host).
 */
@Evolving
public final class LogLockedException extends LogException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public LogLockedException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public LogLockedException(String message, Throwable cause) {
        super(message, cause);
    }
}
