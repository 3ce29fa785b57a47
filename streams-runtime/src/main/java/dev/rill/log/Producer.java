package dev.rill.log;

import dev.rill.annotation.Evolving;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * Appends records to topics of an {@link EmbeddedLog}, shaped like Kafka's producer. Get one with
 * {@link EmbeddedLog#producer}.
 *
 * <p>A record goes to its {@link ProducerRecord#partition()} if set, else to
 * {@code toPositive(murmur2(keyBytes)) % partitions} (the same partition number Kafka's default
 * partitioner picks), else keyless records stick to one partition per batch and move on round-robin.
 * Records are collected per partition and appended as one batch when {@code batch.size} bytes are
 * waiting or {@code linger.ms} has passed, by a background sender thread, or at once on {@link #flush()}.
 *
 * <p>Transactions: with {@code transactional.id} set, call {@link #initTransactions()} once, then
 * {@link #beginTransaction()}, sends, optionally {@link #sendOffsetsToTransaction}, and
 * {@link #commitTransaction()} or {@link #abortTransaction()}. A transaction is atomic across partitions
 * and topics: a read_committed consumer sees all of it or nothing.
 *
 * <p>Thread-safe: any number of threads may send through one producer. The transaction methods must not be
 * called concurrently with each other.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Evolving
public interface Producer<K, V> extends AutoCloseable {

    /**
     * Queues a record for sending. Blocks up to {@code max.block.ms} while {@code buffer.memory} is full.
     *
     * @param record the record
     * @return completes with where the record was stored, or fails with {@link RecordTooLargeException}
     *         (the record alone exceeds {@code max.request.size} or the topic's {@code max.message.bytes})
     *         or the append's {@link LogException}
     * @throws dev.rill.common.errors.SerializationException if the key or value cannot be serialized
     * @throws UnknownTopicException if the topic does not exist
     * @throws UnknownPartitionException if the record names a partition the topic lacks
     * @throws LogException if {@code buffer.memory} stayed full for {@code max.block.ms}
     * @throws IllegalStateException if the producer is closed, or is transactional and no transaction is begun
     * @throws ProducerFencedException if a newer producer with the same transactional id exists
     */
    Future<RecordMetadata> send(ProducerRecord<K, V> record);

    /**
     * Like {@link #send(ProducerRecord)}, and tells {@code callback} once the record is stored or failed.
     *
     * @param record the record
     * @param callback called once with the metadata or the exception; may be {@code null}
     * @return as {@link #send(ProducerRecord)}
     */
    Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback);

    /**
     * Appends everything queued and waits for it; records failed by the append fail their futures.
     *
     * @throws LogStorageException if the log cannot be written
     */
    void flush();

    /**
     * @param topic a topic
     * @return its partitions
     * @throws UnknownTopicException if it does not exist
     */
    List<TopicPartition> partitionsFor(String topic);

    /**
     * Registers this producer's {@code transactional.id}: aborts a transaction a previous producer with the
     * same id left open, and fences that producer.
     *
     * @throws IllegalStateException if no {@code transactional.id} is set or this was called before
     */
    void initTransactions();

    /**
     * Starts a transaction.
     *
     * @throws IllegalStateException if transactions are not initialised or one is open
     * @throws ProducerFencedException if a newer producer with the same transactional id exists
     */
    void beginTransaction();

    /**
     * Commits consumer offsets as part of the open transaction: they become the group's committed offsets
     * if and when the transaction commits.
     *
     * @param offsets the next offset to read per partition
     * @param groupMetadata the consumer group
     * @throws IllegalStateException if no transaction is open
     * @throws ProducerFencedException if a newer producer with the same transactional id exists
     */
    void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata);

    /**
     * Appends what is queued, then commits the transaction in every partition it touched. Durable when it
     * returns.
     *
     * @throws IllegalStateException if no transaction is open
     * @throws ProducerFencedException if a newer producer with the same transactional id exists
     * @throws LogException if an append of the transaction failed; the transaction was aborted
     */
    void commitTransaction();

    /**
     * Drops what is queued and aborts the transaction in every partition it touched.
     *
     * @throws IllegalStateException if no transaction is open
     * @throws ProducerFencedException if a newer producer with the same transactional id exists
     */
    void abortTransaction();

    /** Sends what is queued, waits for it and stops the sender thread. Idempotent. */
    @Override
    void close();

    /**
     * Like {@link #close()}, waiting at most {@code timeout} for queued records; those not appended by then
     * fail.
     *
     * @param timeout how long to wait
     */
    void close(Duration timeout);
}
