package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;

/**
 * A typed store that may have a record cache in front of it. Stateful DSL operators register a
 * listener here so that, with caching on, they forward only what the cache writes through (the
 * latest value per key per commit) instead of every update.
 *
 * @param <K> key type
 * @param <V> value type as the store holds it
 */
@Internal
public interface CachedStateStore<K, V> {

    /**
     * Sets the listener told of every entry the cache writes to the store beneath it.
     *
     * @param listener the listener
     * @param sendOldValues whether the listener needs the value each write replaces; reading it costs a
     *     store lookup per write, so it is {@code null} when not asked for
     * @return {@code true} if the store has a cache (the listener will be called), {@code false} if
     *     not (the caller forwards updates itself)
     */
    boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues);

    /**
     * Told of one write from the cache to the store beneath it.
     *
     * @param <K> key type
     * @param <V> value type
     */
    @FunctionalInterface
    interface CacheFlushListener<K, V> {
        /**
         * @param key the key
         * @param newValue the value written, or {@code null} for a deletion
         * @param oldValue the value replaced, or {@code null} if none or not asked for
         * @param timestamp the timestamp of the record that made the write, in milliseconds
         */
        void apply(K key, V newValue, V oldValue, long timestamp);
    }
}
