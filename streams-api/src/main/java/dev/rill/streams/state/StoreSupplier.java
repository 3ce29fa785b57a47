package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.streams.processor.StateStore;

/**
 * Creates the innermost store of a given kind: the part that holds the bytes. Builders wrap it with
 * serdes, a cache and a changelog.
 *
 * @param <T> the store type
 */
@Stable
public interface StoreSupplier<T extends StateStore> {

    /** @return the store name */
    String name();

    /** @return a new store; called once per task */
    T get();

    /** @return a short name of the implementation, such as {@code rocksdb} or {@code in-memory} */
    String metricsScope();
}
