package dev.rill.common.errors;

import dev.rill.annotation.Stable;

/**
 * A configuration setting is unknown, missing, or has a value of the wrong type or out of range. The
 * message names the setting and the value that was given.
 */
@Stable
public class ConfigException extends RillException {

    /**
     * Creates an exception with a message.
     *
     * @param message which setting was wrong, its value, and what is accepted
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message which setting was wrong, its value, and what is accepted
     * @param cause the underlying failure
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
