package dev.rill.streams.errors;

import dev.rill.annotation.Stable;

/**
 * A state store cannot be used as asked: it is closed, not yet open, or its files are locked or damaged.
 * The message names the store.
 */
@Stable
public class InvalidStateStoreException extends StreamsException {

    /**
     * @param message what is wrong, naming the store
     */
    public InvalidStateStoreException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the store
     * @param cause the underlying failure
     */
    public InvalidStateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
