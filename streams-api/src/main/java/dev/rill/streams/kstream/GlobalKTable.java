package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;

/**
 * A table read from a topic in full by every instance of the application, rather than one partition
 * per task: a global store kept up to date from its topic, which every processor may read without
 * being connected to it. The topic is the store's changelog, so the store keeps no changelog of its
 * own. In the {@code TopologyTestDriver}, a record piped to the topic updates the store at once. Made
 * by {@code StreamsBuilder.globalTable}.
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
