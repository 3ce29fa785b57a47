package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns the {@link Duration} and {@link Instant} arguments of the window, join and suppression specs
 * into milliseconds, rejecting {@code null} and values that do not fit a {@code long} of milliseconds
 * with a message that names the parameter and echoes its value. Range checks (negative, zero) stay with
 * each spec, which knows what it accepts.
 */
@Internal
public final class DurationArguments {

    private DurationArguments() {
    }

    /**
     * @param duration the argument
     * @param parameter the parameter's name as the user sees it, e.g. {@code "size"}
     * @return the duration in milliseconds, possibly negative
     * @throws IllegalArgumentException if {@code duration} is {@code null} or its milliseconds overflow a
     *     {@code long}
     */
    public static long toMillis(Duration duration, String parameter) {
        if (duration == null) {
            throw new IllegalArgumentException("Invalid value for parameter \"" + parameter + "\": it must not be null");
        }
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Invalid value for parameter \"" + parameter + "\" (value was: "
                    + duration + "): it cannot be expressed as a long number of milliseconds", e);
        }
    }

    /**
     * @param instant the argument
     * @param parameter the parameter's name as the user sees it, e.g. {@code "start"}
     * @return the instant in milliseconds since the epoch, possibly negative
     * @throws IllegalArgumentException if {@code instant} is {@code null} or its milliseconds overflow a
     *     {@code long}
     */
    public static long toEpochMillis(Instant instant, String parameter) {
        if (instant == null) {
            throw new IllegalArgumentException("Invalid value for parameter \"" + parameter + "\": it must not be null");
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Invalid value for parameter \"" + parameter + "\" (value was: "
                    + instant + "): it cannot be expressed as a long number of milliseconds since the epoch", e);
        }
    }

    /**
     * Adds two amounts of milliseconds, saturating at {@link Long#MAX_VALUE} and {@link Long#MIN_VALUE}
     * instead of wrapping, so that a huge grace period means "keep forever" rather than a negative
     * retention.
     *
     * @param a an amount
     * @param b an amount
     * @return {@code a + b}, clamped to the range of {@code long}
     */
    public static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    /**
     * Subtracts amounts of milliseconds, saturating like {@link #saturatedAdd(long, long)}.
     *
     * @param a an amount
     * @param b the amount to subtract
     * @return {@code a - b}, clamped to the range of {@code long}
     */
    public static long saturatedSubtract(long a, long b) {
        long result = a - b;
        return ((a ^ b) & (a ^ result)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : result;
    }
}
