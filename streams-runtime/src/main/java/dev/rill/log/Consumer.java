package dev.rill.log;

import dev.rill.annotation.Evolving;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads records from topics of an {@link EmbeddedLog}, shaped like Kafka's consumer. Get one with
 * {@link EmbeddedLog#consumer}.
 *
 * <p>Either {@link #subscribe} to topics, and share their partitions with the other consumers of the same
 * {@code group.id} on the same log (range or round-robin assignment, rebalanced when a member joins or
 * leaves), or {@link #assign} partitions yourself. Positions start at the group's committed offset, else
 * as {@code auto.offset.reset} says. Committed offsets are stored in the internal compacted topic
 * {@code __consumer_offsets} and survive restarts.
 *
 * <p>With {@code isolation.level=read_committed} a consumer stops at the last stable offset and never
 * returns records of open or aborted transactions; with {@code read_uncommitted} (the default, as in
 * Kafka) it returns everything appended.
 *
 * <p>Not thread-safe, like Kafka's consumer: use one consumer from one thread.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Evolving
public interface Consumer<K, V> extends AutoCloseable {

    /**
     * Subscribes to topics, replacing an earlier subscription or assignment; partitions arrive in the
     * next {@link #poll}.
     *
     * @param topics the topics
     * @throws IllegalStateException if {@code group.id} is not set
     * @throws UnknownTopicException if a topic does not exist
     */
    void subscribe(Collection<String> topics);

    /**
     * Like {@link #subscribe(Collection)}, telling {@code listener} about partitions taken and given.
     *
     * @param topics the topics
     * @param listener the listener
     */
    void subscribe(Collection<String> topics, ConsumerRebalanceListener listener);

    /** Drops the subscription or assignment, leaving the group. */
    void unsubscribe();

    /**
     * Reads exactly these partitions, outside group management, replacing a subscription.
     *
     * @param partitions the partitions
     * @throws UnknownTopicException if a topic does not exist
     * @throws UnknownPartitionException if a partition does not exist
     */
    void assign(Collection<TopicPartition> partitions);

    /** @return the partitions this consumer reads now */
    Set<TopicPartition> assignment();

    /** @return the subscribed topics, empty if none */
    Set<String> subscription();

    /**
     * Returns the next records of the owned partitions, waiting up to {@code timeout} for some. Takes part
     * in the group's rebalances and, with {@code enable.auto.commit}, commits positions every
     * {@code auto.commit.interval.ms}.
     *
     * @param timeout the longest wait
     * @return at most {@code max.poll.records} records
     * @throws IllegalStateException if there is neither subscription nor assignment
     * @throws NoOffsetForPartitionException if {@code auto.offset.reset=none} and a partition has no
     *         committed offset
     * @throws OffsetOutOfRangeException if a position is outside the partition and
     *         {@code auto.offset.reset=none}
     */
    ConsumerRecords<K, V> poll(Duration timeout);

    /**
     * Sets the next offset to read.
     *
     * @param partition an owned partition
     * @param offset the offset
     * @throws IllegalStateException if the partition is not owned
     */
    void seek(TopicPartition partition, long offset);

    /** @param partitions owned partitions to move to their log start offset */
    void seekToBeginning(Collection<TopicPartition> partitions);

    /** @param partitions owned partitions to move to their end (the last stable offset for read_committed) */
    void seekToEnd(Collection<TopicPartition> partitions);

    /**
     * @param partition an owned partition
     * @return the offset of the next record {@link #poll} returns
     * @throws IllegalStateException if the partition is not owned
     */
    long position(TopicPartition partition);

    /**
     * Commits the current positions of all owned partitions for the group; durable when it returns.
     *
     * @throws IllegalStateException if {@code group.id} is not set
     */
    void commitSync();

    /**
     * Commits the given offsets for the group; durable when it returns.
     *
     * @param offsets the next offset to read per partition
     * @throws IllegalStateException if {@code group.id} is not set
     */
    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets);

    /**
     * @param partition a partition
     * @return the group's committed offset for it, if any
     * @throws IllegalStateException if {@code group.id} is not set
     */
    Optional<OffsetAndMetadata> committed(TopicPartition partition);

    /**
     * Looks partitions up by time: for each, the earliest offset whose record's timestamp is at or after
     * the given one. Does not change positions.
     *
     * @param timestamps per partition, a timestamp in milliseconds since the epoch, not negative
     * @return per partition, the offset and its record's timestamp, or {@code null} if every record is older
     * @throws IllegalArgumentException if a timestamp is negative
     * @throws UnknownTopicException if a topic does not exist
     * @throws UnknownPartitionException if a partition does not exist
     */
    Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps);

    /**
     * @param partitions the partitions
     * @return per partition, the offset of its first record still stored
     * @throws UnknownTopicException if a topic does not exist
     * @throws UnknownPartitionException if a partition does not exist
     */
    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions);

    /**
     * @param partitions the partitions
     * @return per partition, the offset after its last record this consumer may read (the last stable
     *     offset under {@code read_committed})
     * @throws UnknownTopicException if a topic does not exist
     * @throws UnknownPartitionException if a partition does not exist
     */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

    /** @return the group, generation and member id, for {@link Producer#sendOffsetsToTransaction} */
    ConsumerGroupMetadata groupMetadata();

    /**
     * Commits positions if {@code enable.auto.commit} is set, and leaves the group. Idempotent.
     */
    @Override
    void close();
}
