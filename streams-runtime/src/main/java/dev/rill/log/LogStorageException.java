package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * Reading or writing a log file failed (for example the disk is full). After a failed append the partition is truncated back to its last complete batch and stays readable.
 */
@Evolving
public final class LogStorageException extends LogException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public LogStorageException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public LogStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
