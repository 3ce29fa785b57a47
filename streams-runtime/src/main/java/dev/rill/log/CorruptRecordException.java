package dev.rill.log;

import dev.rill.annotation.Evolving;

/**
 * A stored batch failed its CRC32C or structure check when it was read. The message names the file and position.
 */
@Evolving
public final class CorruptRecordException extends LogException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public CorruptRecordException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the exception that caused it.
     *
     * @param message what went wrong and where
     * @param cause the underlying failure
     */
    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
