package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;

/**
 * A table read from a topic in full by every instance of the application, rather than one partition
 * per task: a global store that is brought up to date from its topic before other records are
 * processed. The topic is the store's changelog, so the store keeps no changelog of its own. Made by
 * {@code StreamsBuilder.globalTable}.
 *
 * <p>Records of the topic update the store only: they do not advance any task's stream time and are
 * not forwarded to other operators. A record with a {@code null} key is skipped; a {@code null} value
 * deletes its key.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public interface GlobalKTable<K, V> {

    /**
     * @return the name of the global store, for {@code TopologyTestDriver.getKeyValueStore} and
     *     interactive queries; generated ({@code <topic>-STATE-STORE-<n>}) unless given by {@link Materialized}
     */
    String queryableStoreName();
}
