package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.kstream.Suppressed;
import java.util.Map;

/**
 * A bounded buffer that emits its oldest records early when a limit is reached.
 *
 * @param maxRecords the record limit, {@link Long#MAX_VALUE} for none
 * @param maxBytes the byte limit, {@link Long#MAX_VALUE} for none
 * @param loggingEnabled whether the buffer has a changelog
 * @param logConfig extra changelog topic settings
 */
@Internal
public record EagerBufferSpec(long maxRecords, long maxBytes, boolean loggingEnabled, Map<String, String> logConfig)
        implements Suppressed.EagerBufferConfig, BufferSpec {

    /** No limits yet, logging on: the base the eager factories set a limit on. */
    public static final EagerBufferSpec UNBOUNDED = new EagerBufferSpec(Long.MAX_VALUE, Long.MAX_VALUE, true, Map.of());

    /**
     * @throws IllegalArgumentException if a limit is negative
     * @throws NullPointerException if {@code logConfig} is or holds {@code null}
     */
    public EagerBufferSpec {
        BufferSpec.requireLimit(maxRecords, "recordLimit");
        BufferSpec.requireLimit(maxBytes, "byteLimit");
        logConfig = BufferSpec.copyConfig(logConfig);
    }

    @Override
    public boolean shutsDownWhenFull() {
        return false;
    }

    @Override
    public Suppressed.EagerBufferConfig withMaxRecords(long recordLimit) {
        return new EagerBufferSpec(recordLimit, maxBytes, loggingEnabled, logConfig);
    }

    @Override
    public Suppressed.EagerBufferConfig withMaxBytes(long byteLimit) {
        return new EagerBufferSpec(maxRecords, byteLimit, loggingEnabled, logConfig);
    }

    @Override
    public Suppressed.StrictBufferConfig withNoBound() {
        return new StrictBufferSpec(Long.MAX_VALUE, Long.MAX_VALUE, loggingEnabled, logConfig);
    }

    @Override
    public Suppressed.StrictBufferConfig shutDownWhenFull() {
        return new StrictBufferSpec(maxRecords, maxBytes, loggingEnabled, logConfig);
    }

    @Override
    public Suppressed.EagerBufferConfig emitEarlyWhenFull() {
        return this;
    }

    @Override
    public Suppressed.EagerBufferConfig withLoggingDisabled() {
        return new EagerBufferSpec(maxRecords, maxBytes, false, Map.of());
    }

    @Override
    public Suppressed.EagerBufferConfig withLoggingEnabled(Map<String, String> config) {
        return new EagerBufferSpec(maxRecords, maxBytes, true, config);
    }
}
