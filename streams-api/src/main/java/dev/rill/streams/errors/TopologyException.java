package dev.rill.streams.errors;

import dev.rill.annotation.Stable;

/**
 * A topology is invalid: a name is used twice, a parent or store does not exist, a source topic is read
 * twice, and so on. Thrown while building, never while processing.
 */
@Stable
public class TopologyException extends StreamsException {

    /**
     * Creates an exception; the message is prefixed with {@code "Invalid topology: "}.
     *
     * @param message what is wrong with the topology
     */
    public TopologyException(String message) {
        super("Invalid topology: " + message);
    }
}
