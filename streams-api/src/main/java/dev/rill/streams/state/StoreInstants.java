package dev.rill.streams.state;

import java.time.Instant;
import java.util.Objects;

/** Converts the {@link Instant} arguments of window and session store methods to epoch milliseconds. */
final class StoreInstants {
    private StoreInstants() {
    }

    /**
     * @param instant the instant, not {@code null}
     * @param name the parameter's name, for the message
     * @return the instant in milliseconds since the epoch
     * @throws NullPointerException if the instant is {@code null}
     * @throws IllegalArgumentException if it does not fit in a {@code long} of milliseconds
     */
    static long millis(Instant instant, String name) {
        Objects.requireNonNull(instant, () -> name + " must not be null");
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " (" + instant + ") cannot be expressed in milliseconds since the epoch", e);
        }
    }
}
