package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import java.util.Comparator;

/**
 * A window or session bytes store (or a layer over one) that knows the order its range fetches follow,
 * over the store keys of {@link StoreKeySchema}: a cache above it merges its own entries in that order.
 */
interface StoreKeyOrdered {

    /** @return the order of range fetches over store keys; {@code null} if unknown */
    Comparator<Bytes> storeKeyOrder();

    /**
     * @param store a bytes store, possibly not ours
     * @return its order, or {@code null} if it does not tell
     */
    static Comparator<Bytes> of(Object store) {
        return store instanceof StoreKeyOrdered ordered ? ordered.storeKeyOrder() : null;
    }
}
