package dev.rill.streams.kstream.internal;

import dev.rill.streams.kstream.GlobalKTable;

/**
 * A global table as the DSL knows it: the name of its store, which is all later operators need to
 * look rows up.
 *
 * @param queryableStoreName the global store's name
 * @param <K> key type
 * @param <V> value type
 */
record GlobalKTableImpl<K, V>(String queryableStoreName) implements GlobalKTable<K, V> {
}
