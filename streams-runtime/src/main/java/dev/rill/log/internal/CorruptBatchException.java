package dev.rill.log.internal;

/** A stored batch failed its CRC or structure check; checked so that recovery must handle it. */
final class CorruptBatchException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptBatchException(String message) {
        super(message);
    }

    CorruptBatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
