package dev.rill.log;

import dev.rill.common.header.Header;
import dev.rill.common.serialization.Serializer;
import dev.rill.log.internal.AppendBatch;
import dev.rill.log.internal.LogRecord;
import dev.rill.log.internal.PartitionLog;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Producer} of an {@link EmbeddedLog}. Sends collect records per partition in open batches
 * under one lock; a batch is sealed when it reaches {@code batch.size}, when {@code linger.ms} has passed,
 * or on flush, and the sender thread appends sealed batches in the order they were sealed, so records of
 * one partition keep their send order.
 */
final class LogProducer<K, V> implements Producer<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(LogProducer.class);
    private static final int RECORD_OVERHEAD = 24;

    private enum TxnState { NONE, UNINITIALIZED, READY, IN_TRANSACTION, FENCED }

    private final EmbeddedLog log;
    private final ProducerConfig config;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final long lingerNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final Map<TopicPartition, ProducerBatch> open = new LinkedHashMap<>();
    private final ArrayDeque<ProducerBatch> sealed = new ArrayDeque<>();
    private final Map<String, Integer> stickyPartition = new HashMap<>();
    private final Thread sender;
    /** The sender thread's encoding buffer, reused for every batch that fits. */
    private final java.nio.ByteBuffer scratch;
    private long bytesQueued;
    private long sealedCount;
    private long doneCount;
    private boolean closing;
    private boolean closed;

    private TxnState txnState;
    private TransactionCoordinator.ProducerIdentity identity;
    /** Kept so that the sender thread never needs the log's monitor, which {@code EmbeddedLog.close} holds. */
    private volatile TransactionCoordinator coordinator;
    private final Set<TopicPartition> txnPartitions = new HashSet<>();
    private volatile Exception txnFailure;

    LogProducer(EmbeddedLog log, ProducerConfig config, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this.log = log;
        this.config = config;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(config.lingerMs());
        this.txnState = config.transactionalId() == null ? TxnState.NONE : TxnState.UNINITIALIZED;
        this.scratch = java.nio.ByteBuffer.allocateDirect(
            (int) Math.min(64L << 20, (long) config.batchSize() + config.maxRequestSize() + 1024));
        this.sender = new Thread(this::runSender, "rill-producer-" + config.clientId());
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        String topic = record.topic();
        int partitions = log.partitionCount(topic);
        byte[] key = keySerializer.serialize(topic, record.headers(), record.key());
        byte[] value = valueSerializer.serialize(topic, record.headers(), record.value());
        Header[] headers = record.headers().toArray();
        long size = RECORD_OVERHEAD + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header h : headers) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length) + 4;
        }
        if (size > config.maxRequestSize()) {
            CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
            RecordTooLargeException e = new RecordTooLargeException("a record for topic " + topic + " is " + size
                + " bytes serialized, over the producer's " + ProducerConfig.MAX_REQUEST_SIZE + "="
                + config.maxRequestSize() + "; it was not sent. Send a smaller record or raise the limit");
            future.completeExceptionally(e);
            if (callback != null) {
                callback.onCompletion(null, e);
            }
            return future;
        }
        if (record.partition() != null && record.partition() >= partitions) {
            throw new UnknownPartitionException("topic " + topic + " has partitions 0 to " + (partitions - 1)
                + "; a record names partition " + record.partition());
        }
        long timestamp = record.timestamp() != null ? record.timestamp() : System.currentTimeMillis();
        LogRecord stored = new LogRecord(0, timestamp, key, value, headers);
        lock.lock();
        try {
            ensureOpen();
            int p = record.partition() != null ? record.partition()
                : key != null ? KeyPartitioner.partitionForKey(key, partitions)
                : stickyPartition.computeIfAbsent(topic, t -> 0);
            TopicPartition tp = new TopicPartition(topic, p);
            if (txnState != TxnState.NONE) {
                requireTransaction("send");
                if (txnPartitions.add(tp)) {
                    try {
                        coordinator.addPartition(config.transactionalId(), identity, tp);
                    } catch (ProducerFencedException e) {
                        txnState = TxnState.FENCED;
                        throw e;
                    }
                }
            }
            waitForSpace(size, topic);
            ProducerBatch batch = open.get(tp);
            if (batch == null) {
                batch = new ProducerBatch(tp, System.nanoTime());
                if (open.isEmpty()) {
                    work.signal();
                }
                open.put(tp, batch);
            }
            Future<RecordMetadata> future = batch.add(stored, key == null ? -1 : key.length,
                value == null ? -1 : value.length, size, callback);
            bytesQueued += size;
            if (batch.bytes >= config.batchSize()) {
                seal(batch);
                work.signal();
            }
            return future;
        } finally {
            lock.unlock();
        }
    }

    private void waitForSpace(long size, String topic) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.maxBlockMs());
        while (bytesQueued > 0 && bytesQueued + size > config.bufferMemory()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new LogException("a record for topic " + topic + " waited " + config.maxBlockMs()
                    + " ms (" + ProducerConfig.MAX_BLOCK_MS + ") for space: " + bytesQueued + " bytes are queued and "
                    + ProducerConfig.BUFFER_MEMORY + "=" + config.bufferMemory() + "; it was not sent");
            }
            work.signal();
            try {
                progress.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LogException("interrupted while a record for topic " + topic + " waited for buffer space", e);
            }
        }
    }

    private void seal(ProducerBatch batch) {
        open.remove(batch.partition);
        sealed.add(batch);
        sealedCount++;
        // Keyless records stick to one partition until its batch is sealed, then move on.
        moveStickyPartition(batch.partition);
    }

    private void moveStickyPartition(TopicPartition sealedBatch) {
        stickyPartition.computeIfPresent(sealedBatch.topic(), (t, p) -> p == sealedBatch.partition()
            ? (p + 1) % log.partitionCount(t) : p);
    }

    private void runSender() {
        while (true) {
            List<ProducerBatch> ready = new ArrayList<>();
            lock.lock();
            try {
                while (true) {
                    long now = System.nanoTime();
                    long wait = Long.MAX_VALUE;
                    for (Iterator<ProducerBatch> it = open.values().iterator(); it.hasNext(); ) {
                        ProducerBatch b = it.next();
                        long due = b.createdAtNanos + lingerNanos - now;
                        if (due <= 0 || closing) {
                            it.remove();
                            sealed.add(b);
                            sealedCount++;
                            moveStickyPartition(b.partition);
                        } else {
                            wait = Math.min(wait, due);
                        }
                    }
                    if (!sealed.isEmpty()) {
                        ready.addAll(sealed);
                        sealed.clear();
                        break;
                    }
                    if (closing) {
                        return;
                    }
                    if (wait == Long.MAX_VALUE) {
                        work.awaitUninterruptibly();
                    } else {
                        work.awaitNanos(wait);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            long freed = 0;
            for (ProducerBatch b : ready) {
                append(b, 0, b.records.size());
                b.release();
                freed += b.bytes;
            }
            lock.lock();
            try {
                bytesQueued -= freed;
                doneCount += ready.size();
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Appends records [from, to) of a batch; a batch too large for the topic is split so the rest is stored. */
    private void append(ProducerBatch b, int from, int to) {
        try {
            PartitionLog partition = log.partition(b.partition.topic(), b.partition.partition());
            List<LogRecord> records = from == 0 && to == b.records.size() ? b.records : b.records.subList(from, to);
            long base;
            if (identity != null) {
                base = coordinator.append(config.transactionalId(), identity, partition,
                    AppendBatch.transactional(identity.producerId(), identity.epoch(), config.compressionType(), records),
                    scratch);
            } else {
                base = partition.append(AppendBatch.of(config.compressionType(), records), scratch);
            }
            boolean appendTime = partition.config().timestampType() == dev.rill.common.record.TimestampType.LOG_APPEND_TIME;
            long now = appendTime ? System.currentTimeMillis() : 0;
            for (int i = from; i < to; i++) {
                b.complete(i, base + i - from, appendTime ? now : b.records.get(i).timestamp());
            }
        } catch (RecordTooLargeException e) {
            if (to - from > 1) {
                int mid = (from + to) >>> 1;
                append(b, from, mid);
                append(b, mid, to);
            } else {
                failRange(b, from, to, e);
            }
        } catch (RuntimeException e) {
            failRange(b, from, to, e);
        }
    }

    private void failRange(ProducerBatch b, int from, int to, RuntimeException e) {
        LOG.debug("Append of {} record(s) to {} failed", to - from, b.partition, e);
        if (identity != null) {
            txnFailure = e;
        }
        for (int i = from; i < to; i++) {
            b.fail(i, e);
        }
    }

    @Override
    public void flush() {
        lock.lock();
        try {
            new ArrayList<>(open.values()).forEach(this::seal);
            long target = sealedCount;
            work.signal();
            while (doneCount < target && sender.isAlive()) {
                progress.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<TopicPartition> partitionsFor(String topic) {
        int n = log.partitionCount(topic);
        List<TopicPartition> out = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            out.add(new TopicPartition(topic, p));
        }
        return out;
    }

    @Override
    public void initTransactions() {
        lock.lock();
        try {
            ensureOpen();
            if (txnState == TxnState.NONE) {
                throw new IllegalStateException("initTransactions needs " + ProducerConfig.TRANSACTIONAL_ID
                    + " in the producer's settings");
            }
            if (txnState != TxnState.UNINITIALIZED) {
                throw new IllegalStateException("initTransactions was already called for transactional.id "
                    + config.transactionalId());
            }
            coordinator = log.transactions();
            identity = coordinator.init(config.transactionalId());
            txnState = TxnState.READY;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void beginTransaction() {
        lock.lock();
        try {
            ensureOpen();
            requireState(TxnState.READY, "beginTransaction");
            txnState = TxnState.IN_TRANSACTION;
            txnPartitions.clear();
            txnFailure = null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        lock.lock();
        try {
            ensureOpen();
            requireTransaction("sendOffsetsToTransaction");
            if (!offsets.isEmpty()) {
                fenceAware(() -> coordinator.appendOffsets(config.transactionalId(), identity, group.groupId(),
                    Map.copyOf(offsets)));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void commitTransaction() {
        flush();
        lock.lock();
        try {
            ensureOpen();
            requireTransaction("commitTransaction");
            Exception failure = txnFailure;
            if (failure != null) {
                fenceAware(() -> coordinator.complete(config.transactionalId(), identity, false));
                txnState = TxnState.READY;
                throw new LogException("the transaction of transactional.id " + config.transactionalId()
                    + " was aborted because an append failed: " + failure, failure);
            }
            fenceAware(() -> coordinator.complete(config.transactionalId(), identity, true));
            txnState = TxnState.READY;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void abortTransaction() {
        lock.lock();
        try {
            ensureOpen();
            requireTransaction("abortTransaction");
            LogException aborted = new LogException("the transaction of transactional.id " + config.transactionalId()
                + " was aborted before this record was appended");
            for (ProducerBatch b : open.values()) {
                b.failAll(aborted);
                bytesQueued -= b.bytes;
            }
            open.clear();
            long target = sealedCount;
            work.signal();
            while (doneCount < target && sender.isAlive()) {
                progress.awaitUninterruptibly();
            }
            fenceAware(() -> coordinator.complete(config.transactionalId(), identity, false));
            txnState = TxnState.READY;
        } finally {
            lock.unlock();
        }
    }

    private void fenceAware(Runnable action) {
        try {
            action.run();
        } catch (ProducerFencedException e) {
            txnState = TxnState.FENCED;
            throw e;
        }
    }

    private void requireTransaction(String operation) {
        requireState(TxnState.IN_TRANSACTION, operation);
    }

    private void requireState(TxnState expected, String operation) {
        if (txnState == TxnState.FENCED) {
            throw new ProducerFencedException("the producer with transactional.id " + config.transactionalId()
                + " was fenced by a newer producer with the same id; " + operation + " is refused. Close this producer");
        }
        if (txnState == TxnState.NONE) {
            throw new IllegalStateException(operation + " needs a transactional producer: set "
                + ProducerConfig.TRANSACTIONAL_ID);
        }
        if (txnState != expected) {
            throw new IllegalStateException(operation + " is not allowed now: the transaction state of "
                + config.transactionalId() + " is " + txnState
                + (txnState == TxnState.UNINITIALIZED ? "; call initTransactions first" : "")
                + (txnState == TxnState.READY ? "; call beginTransaction first" : "")
                + (txnState == TxnState.IN_TRANSACTION ? "; commit or abort the open transaction first" : ""));
        }
    }

    private void ensureOpen() {
        if (closing || closed) {
            throw new IllegalStateException("producer " + config.clientId() + " is closed");
        }
    }

    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Override
    public void close(Duration timeout) {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            sender.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            // The sender is not interrupted: an interrupt during file I/O would close the partition's channel.
            // It finishes the batches it holds and stops, as nothing more is queued.
            LogException unsent = new LogException("producer " + config.clientId() + " closed before the record was appended");
            open.values().forEach(b -> b.failAll(unsent));
            sealed.forEach(b -> b.failAll(unsent));
            open.clear();
            sealed.clear();
            if (txnState == TxnState.IN_TRANSACTION && !log.isClosed()) {
                try {
                    coordinator.complete(config.transactionalId(), identity, false);
                } catch (ProducerFencedException e) {
                    LOG.debug("Producer {} was fenced; its transaction is ended by its successor", config.clientId());
                }
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        log.clientClosed(this);
    }
}
