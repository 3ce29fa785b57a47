package dev.rill.streams.processor;

import dev.rill.annotation.Stable;

/**
 * Chooses the output topic of each record at run time ({@code KStream.to(TopicNameExtractor)}).
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
@FunctionalInterface
public interface TopicNameExtractor<K, V> {

    /**
     * @param key the record key
     * @param value the record value
     * @param recordContext where the record came from
     * @return the name of the topic to write to; must not be {@code null}
     */
    String extract(K key, V value, RecordContext recordContext);
}
