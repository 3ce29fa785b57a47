package dev.rill.streams.processor.api;

import dev.rill.annotation.Stable;
import dev.rill.streams.state.StoreBuilder;
import java.util.Set;

/** A supplier that brings its own state stores, which are added and connected to its processor. */
@Stable
public interface ConnectedStoreProvider {

    /** @return the stores to add and connect, or {@code null} for none (the default) */
    default Set<StoreBuilder<?>> stores() {
        return null;
    }
}
