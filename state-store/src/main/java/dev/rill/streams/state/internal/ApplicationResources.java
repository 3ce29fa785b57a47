package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Objects shared by every store of one application (one {@code RillStreams} instance or one test
 * driver), created on first use and closed with the application. This is what lets all RocksDB stores
 * draw on one bounded memory budget without static state. Thread-safe.
 */
@Internal
public final class ApplicationResources implements AutoCloseable {
    private final Map<Class<?>, AutoCloseable> resources = new LinkedHashMap<>();
    private boolean closed;

    /**
     * Returns the resource of a type, creating it on first use.
     *
     * @param type the resource type, used as its key
     * @param factory creates it
     * @param <T> the type
     * @return the shared instance
     * @throws IllegalStateException if the application's resources are closed
     */
    public synchronized <T extends AutoCloseable> T get(Class<T> type, Supplier<T> factory) {
        if (closed) {
            throw new IllegalStateException("the application's shared store resources are closed");
        }
        return type.cast(resources.computeIfAbsent(type, t -> factory.get()));
    }

    /** Closes every resource, newest first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> all = new ArrayList<>(resources.values());
        RuntimeException failure = null;
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing a shared store resource failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        resources.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
