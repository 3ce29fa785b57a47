package dev.rill.common.errors;

import dev.rill.annotation.Stable;

/**
 * A serializer or deserializer could not convert a key or value. The message names the serde, and when
 * thrown from a topology also the topic and the operator.
 */
@Stable
public class SerializationException extends RillException {

    /**
     * Creates an exception with a message.
     *
     * @param message what could not be converted and why
     */
    public SerializationException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what could not be converted and why
     * @param cause the underlying failure
     */
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
