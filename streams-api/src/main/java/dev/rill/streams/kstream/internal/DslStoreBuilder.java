package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.StoreBuilder;
import java.util.Map;
import java.util.Objects;

/**
 * The store of a stateful DSL operator as the topology holds it: a {@link DslStoreSpec} waiting for
 * the runtime, which knows the application's configuration, to choose the implementation. Its
 * {@link #build()} therefore refuses; the runtime builds from {@link #spec()}.
 */
@Internal
public final class DslStoreBuilder implements StoreBuilder<StateStore> {
    private final DslStoreSpec spec;

    /**
     * @param spec what the operator asked for
     */
    public DslStoreBuilder(DslStoreSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** @return what the operator asked for */
    public DslStoreSpec spec() {
        return spec;
    }

    /**
     * Not supported: the DSL's choices are fixed when the operator is added.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public StoreBuilder<StateStore> withCachingEnabled() {
        throw fixed();
    }

    /**
     * Not supported: the DSL's choices are fixed when the operator is added.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public StoreBuilder<StateStore> withCachingDisabled() {
        throw fixed();
    }

    /**
     * Not supported: the DSL's choices are fixed when the operator is added.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public StoreBuilder<StateStore> withLoggingEnabled(Map<String, String> config) {
        throw fixed();
    }

    /**
     * Not supported: the DSL's choices are fixed when the operator is added.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public StoreBuilder<StateStore> withLoggingDisabled() {
        throw fixed();
    }

    private UnsupportedOperationException fixed() {
        return new UnsupportedOperationException("the options of DSL store '" + spec.name() + "' are set through Materialized");
    }

    /**
     * Not supported: the runtime builds DSL stores from {@link #spec()}.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public StateStore build() {
        throw new UnsupportedOperationException("DSL store '" + spec.name() + "' is built by the runtime from its spec");
    }

    @Override
    public Map<String, String> logConfig() {
        return spec.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return spec.loggingEnabled();
    }

    @Override
    public String name() {
        return spec.name();
    }
}
