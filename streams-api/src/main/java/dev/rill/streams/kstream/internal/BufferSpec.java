package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.kstream.Suppressed;
import java.util.Map;

/**
 * What the suppression buffer needs to know about its configuration. {@link Long#MAX_VALUE} as a
 * limit means none.
 */
@Internal
public sealed interface BufferSpec permits StrictBufferSpec, EagerBufferSpec {

    /** @return the largest number of records held */
    long maxRecords();

    /** @return the largest number of bytes of serialized keys and values held */
    long maxBytes();

    /** @return whether the buffer has a changelog */
    boolean loggingEnabled();

    /** @return extra topic settings of the changelog; immutable */
    Map<String, String> logConfig();

    /** @return {@code true} if a full buffer stops the application, {@code false} if it emits early */
    boolean shutsDownWhenFull();

    /** @return {@code true} if neither records nor bytes are limited */
    default boolean isUnbounded() {
        return maxRecords() == Long.MAX_VALUE && maxBytes() == Long.MAX_VALUE;
    }

    /**
     * @param config a buffer configuration from {@link Suppressed.BufferConfig}'s factories
     * @return its description
     * @throws IllegalArgumentException if {@code config} is {@code null} or was not made by Rill
     */
    static BufferSpec of(Suppressed.BufferConfig<?> config) {
        if (config == null) {
            throw new IllegalArgumentException("bufferConfig must not be null; use Suppressed.BufferConfig.unbounded(), maxRecords(..) or maxBytes(..)");
        }
        if (config instanceof BufferSpec spec) {
            return spec;
        }
        throw new IllegalArgumentException("bufferConfig of " + config.getClass().getName()
                + " is not supported; create it with Suppressed.BufferConfig.unbounded(), maxRecords(..) or maxBytes(..)");
    }

    static long requireLimit(long limit, String parameter) {
        if (limit < 0) {
            throw new IllegalArgumentException(parameter + " must not be negative, but was " + limit);
        }
        return limit;
    }

    static Map<String, String> copyConfig(Map<String, String> config) {
        if (config == null) {
            throw new NullPointerException("changelog config must not be null; pass an empty map for the defaults");
        }
        return Map.copyOf(config);
    }
}
