package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.kstream.Suppressed;
import java.util.Map;

/**
 * A buffer that never emits early: it stops the application when a limit is reached.
 *
 * @param maxRecords the record limit, {@link Long#MAX_VALUE} for none
 * @param maxBytes the byte limit, {@link Long#MAX_VALUE} for none
 * @param loggingEnabled whether the buffer has a changelog
 * @param logConfig extra changelog topic settings
 */
@Internal
public record StrictBufferSpec(long maxRecords, long maxBytes, boolean loggingEnabled, Map<String, String> logConfig)
        implements Suppressed.StrictBufferConfig, BufferSpec {

    /** The unbounded buffer with logging on. */
    public static final StrictBufferSpec UNBOUNDED = new StrictBufferSpec(Long.MAX_VALUE, Long.MAX_VALUE, true, Map.of());

    /**
     * @throws IllegalArgumentException if a limit is negative
     * @throws NullPointerException if {@code logConfig} is or holds {@code null}
     */
    public StrictBufferSpec {
        BufferSpec.requireLimit(maxRecords, "recordLimit");
        BufferSpec.requireLimit(maxBytes, "byteLimit");
        logConfig = BufferSpec.copyConfig(logConfig);
    }

    @Override
    public boolean shutsDownWhenFull() {
        return true;
    }

    @Override
    public Suppressed.StrictBufferConfig withMaxRecords(long recordLimit) {
        return new StrictBufferSpec(recordLimit, maxBytes, loggingEnabled, logConfig);
    }

    @Override
    public Suppressed.StrictBufferConfig withMaxBytes(long byteLimit) {
        return new StrictBufferSpec(maxRecords, byteLimit, loggingEnabled, logConfig);
    }

    @Override
    public Suppressed.StrictBufferConfig withNoBound() {
        return new StrictBufferSpec(Long.MAX_VALUE, Long.MAX_VALUE, loggingEnabled, logConfig);
    }

    @Override
    public Suppressed.StrictBufferConfig shutDownWhenFull() {
        return this;
    }

    @Override
    public Suppressed.EagerBufferConfig emitEarlyWhenFull() {
        return new EagerBufferSpec(maxRecords, maxBytes, loggingEnabled, logConfig);
    }

    @Override
    public Suppressed.StrictBufferConfig withLoggingDisabled() {
        return new StrictBufferSpec(maxRecords, maxBytes, false, Map.of());
    }

    @Override
    public Suppressed.StrictBufferConfig withLoggingEnabled(Map<String, String> config) {
        return new StrictBufferSpec(maxRecords, maxBytes, true, config);
    }
}
