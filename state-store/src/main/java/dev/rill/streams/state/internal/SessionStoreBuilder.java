package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.state.SessionBytesStoreSupplier;
import dev.rill.streams.state.SessionStore;
import java.util.Objects;

/**
 * Builds typed session stores over a {@link SessionBytesStoreSupplier}: what
 * {@code Stores.sessionStoreBuilder} returns. Each {@link #build()} stacks, from the outside in: the typed
 * layer, the cache (if on), the changelog (if on) and the supplier's bytes store.
 *
 * @param <K> key type
 * @param <AGG> aggregate type
 */
@Internal
public final class SessionStoreBuilder<K, AGG> extends LayeredStoreBuilder<SessionStore<K, AGG>> {
    private final SessionBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<AGG> aggSerde;

    /**
     * @param supplier creates the bytes store for each task
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param aggSerde the aggregate serde, or {@code null} for the application's default
     * @throws NullPointerException if the supplier or its name is {@code null}
     */
    public SessionStoreBuilder(SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<AGG> aggSerde) {
        super(Objects.requireNonNull(supplier, "supplier must not be null").name());
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.aggSerde = aggSerde;
    }

    /**
     * @return a new store for one task, to open with {@code init}
     * @throws IllegalStateException if the supplier returns {@code null} or a store of another name
     */
    @Override
    public SessionStore<K, AGG> build() {
        SessionStore<Bytes, byte[]> store = checkSupplied(supplier.get(), supplier);
        if (loggingEnabled) {
            store = new ChangeLoggingSessionBytesStore(store);
        }
        if (cachingEnabled) {
            store = new CachingSessionStore(store, supplier.retentionPeriod(), supplier.segmentIntervalMs());
        }
        return new SerdeSessionStore<>(store, keySerde, aggSerde);
    }
}
