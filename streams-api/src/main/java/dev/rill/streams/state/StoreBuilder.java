package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.streams.processor.StateStore;
import java.util.Map;

/**
 * Builds a {@link StateStore} for each task that uses it. Given to {@code Topology.addStateStore} or
 * returned from {@code ProcessorSupplier.stores()}.
 *
 * @param <T> the store type built
 */
@Stable
public interface StoreBuilder<T extends StateStore> {

    /**
     * Puts a cache in front of the store.
     *
     * @return this
     */
    StoreBuilder<T> withCachingEnabled();

    /**
     * Removes the cache.
     *
     * @return this
     */
    StoreBuilder<T> withCachingDisabled();

    /**
     * Writes every change to a changelog topic.
     *
     * @param config topic settings for the changelog (e.g. {@code retention.ms})
     * @return this
     */
    StoreBuilder<T> withLoggingEnabled(Map<String, String> config);

    /**
     * Turns changelogging off: the store cannot be rebuilt after its files are lost.
     *
     * @return this
     */
    StoreBuilder<T> withLoggingDisabled();

    /** @return a new store; called once per task */
    T build();

    /** @return the changelog topic settings */
    Map<String, String> logConfig();

    /** @return whether changelogging is on */
    boolean loggingEnabled();

    /** @return the name of the stores built */
    String name();
}
