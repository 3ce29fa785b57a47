package dev.rill.log;

import dev.rill.clients.consumer.ConsumerRecord;
import dev.rill.common.header.RecordHeaders;
import dev.rill.common.record.TimestampType;
import dev.rill.common.serialization.Deserializer;
import dev.rill.log.internal.FetchResult;
import dev.rill.log.internal.LogRecord;
import dev.rill.log.internal.PartitionLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The {@link Consumer} of an {@link EmbeddedLog}. Each owned partition has a position and a buffer of
 * records already read but not yet returned; a poll serves buffers first, partition after partition
 * starting where the previous poll stopped, so no partition starves.
 */
final class LogConsumer<K, V> implements Consumer<K, V> {
    private static final long IDLE_WAIT_NANOS = 1_000_000;

    private static final class Fetched {
        List<LogRecord> records = List.of();
        int next;
        long endOffset;
    }

    private final EmbeddedLog log;
    private final ConsumerConfig config;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final String memberId;
    /** Read buffer for batches up to {@code max.partition.fetch.bytes}; larger ones get their own. */
    private final java.nio.ByteBuffer scratch;
    private final Set<TopicPartition> owned = new LinkedHashSet<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Map<TopicPartition, Fetched> buffers = new HashMap<>();
    private Set<String> subscription = Set.of();
    private ConsumerRebalanceListener listener;
    private boolean manual;
    private boolean joined;
    private int generation = -1;
    private int nextPartition;
    private long lastAutoCommitMs = System.currentTimeMillis();
    private boolean closed;

    LogConsumer(EmbeddedLog log, ConsumerConfig config, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this.log = log;
        this.config = config;
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
        this.memberId = config.clientId() + "-" + UUID.randomUUID();
        this.scratch = java.nio.ByteBuffer.allocateDirect(Math.min(config.maxPartitionFetchBytes(), 16 << 20));
    }

    @Override
    public void subscribe(Collection<String> topics) {
        subscribe(topics, null);
    }

    @Override
    public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
        ensureOpen();
        String group = requireGroup("subscribe");
        topics.forEach(log::partitionCount);
        if (manual) {
            dropAll(false);
        }
        manual = false;
        this.subscription = Set.copyOf(topics);
        this.listener = listener;
        generation = log.groups().join(group, memberId, subscription, config.assignmentStrategy(),
            config.maxPollIntervalMs());
        joined = true;
    }

    @Override
    public void unsubscribe() {
        ensureOpen();
        leaveGroup(true);
        dropAll(false);
        subscription = Set.of();
        manual = false;
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        ensureOpen();
        partitions.forEach(tp -> log.partition(tp.topic(), tp.partition()));
        leaveGroup(true);
        subscription = Set.of();
        manual = true;
        Set<TopicPartition> wanted = new LinkedHashSet<>(partitions);
        owned.retainAll(wanted);
        positions.keySet().retainAll(wanted);
        buffers.keySet().retainAll(wanted);
        owned.addAll(wanted);
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.copyOf(owned);
    }

    @Override
    public Set<String> subscription() {
        return subscription;
    }

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        ensureOpen();
        if (!manual && subscription.isEmpty()) {
            throw new IllegalStateException("consumer " + config.clientId() + " is neither subscribed to topics nor "
                + "assigned partitions; call subscribe or assign before poll");
        }
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            if (!manual) {
                rebalance();
            }
            maybeAutoCommit();
            ConsumerRecords<K, V> records = fetch();
            if (!records.isEmpty() || System.nanoTime() >= deadline) {
                return records;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(IDLE_WAIT_NANOS, deadline - System.nanoTime()));
        }
    }

    private void rebalance() {
        String group = config.groupId();
        GroupCoordinator groups = log.groups();
        if (!groups.isMember(group, memberId)) {
            if (joined && !owned.isEmpty()) {
                // Removed for missing the poll interval: the partitions are already someone else's.
                Set<TopicPartition> lost = new TreeSet<>(owned);
                dropAll(false);
                if (listener != null) {
                    listener.onPartitionsRevoked(lost);
                }
            }
            generation = groups.join(group, memberId, subscription, config.assignmentStrategy(), config.maxPollIntervalMs());
            joined = true;
        }
        Set<TopicPartition> revoke = groups.toRevoke(group, memberId);
        if (!revoke.isEmpty()) {
            if (listener != null) {
                listener.onPartitionsRevoked(revoke);
            }
            if (config.enableAutoCommit()) {
                commitSync(currentPositions(revoke));
            }
            owned.removeAll(revoke);
            revoke.forEach(tp -> {
                positions.remove(tp);
                buffers.remove(tp);
            });
            groups.release(group, memberId, revoke);
        }
        Set<TopicPartition> acquired = groups.acquire(group, memberId);
        generation = groups.generation(group);
        if (!acquired.isEmpty()) {
            owned.addAll(acquired);
            if (listener != null) {
                listener.onPartitionsAssigned(acquired);
            }
        }
    }

    private ConsumerRecords<K, V> fetch() {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> out = new LinkedHashMap<>();
        List<TopicPartition> order = new ArrayList<>(owned);
        int budget = config.maxPollRecords();
        for (int i = 0; i < order.size() && budget > 0; i++) {
            TopicPartition tp = order.get((nextPartition + i) % order.size());
            List<ConsumerRecord<K, V>> records = fetch(tp, budget);
            if (!records.isEmpty()) {
                out.put(tp, records);
                budget -= records.size();
            }
        }
        nextPartition = order.isEmpty() ? 0 : (nextPartition + 1) % order.size();
        return out.isEmpty() ? ConsumerRecords.empty() : new ConsumerRecords<>(out);
    }

    private List<ConsumerRecord<K, V>> fetch(TopicPartition tp, int budget) {
        PartitionLog partition = log.partition(tp.topic(), tp.partition());
        long position = position(tp);
        Fetched f = buffers.get(tp);
        if (f == null || f.next >= f.records.size()) {
            f = read(tp, partition, position);
            if (f == null) {
                return List.of();
            }
        }
        TimestampType type = partition.config().timestampType();
        int n = Math.min(budget, f.records.size() - f.next);
        List<ConsumerRecord<K, V>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LogRecord r = f.records.get(f.next++);
            RecordHeaders headers = r.headers().length == 0 ? new RecordHeaders() : new RecordHeaders(r.headers());
            out.add(new ConsumerRecord<>(tp.topic(), tp.partition(), r.offset(), r.timestamp(), type,
                keyDeserializer.deserialize(tp.topic(), headers, r.key()),
                valueDeserializer.deserialize(tp.topic(), headers, r.value()), headers));
        }
        positions.put(tp, f.next < f.records.size() ? f.records.get(f.next).offset() : f.endOffset);
        return out;
    }

    /** Reads the next batches at {@code position}; @return them, or {@code null} if there is nothing new */
    private Fetched read(TopicPartition tp, PartitionLog partition, long position) {
        IsolationLevel isolation = config.isolationLevel();
        long bound = isolation == IsolationLevel.READ_COMMITTED ? partition.lastStableOffset() : partition.logEndOffset();
        if (position >= bound && position <= partition.logEndOffset()) {
            return null;
        }
        FetchResult result;
        try {
            result = partition.read(position, config.maxPartitionFetchBytes(), isolation, scratch);
        } catch (OffsetOutOfRangeException e) {
            if (config.autoOffsetReset() == ConsumerConfig.AutoOffsetReset.NONE) {
                throw e;
            }
            positions.put(tp, resetOffset(partition));
            buffers.remove(tp);
            return null;
        }
        if (result.batches().isEmpty()) {
            return null;
        }
        Fetched f = new Fetched();
        f.records = result.visibleRecords(position, isolation);
        f.endOffset = result.batches().get(result.batches().size() - 1).nextOffset();
        buffers.put(tp, f);
        if (f.records.isEmpty()) {
            positions.put(tp, f.endOffset);
            return null;
        }
        return f;
    }

    private long resetOffset(PartitionLog partition) {
        return config.autoOffsetReset() == ConsumerConfig.AutoOffsetReset.EARLIEST ? partition.logStartOffset()
            : endOffset(partition);
    }

    private long endOffset(PartitionLog partition) {
        return config.isolationLevel() == IsolationLevel.READ_COMMITTED ? partition.lastStableOffset()
            : partition.logEndOffset();
    }

    private void maybeAutoCommit() {
        long now = System.currentTimeMillis();
        if (config.enableAutoCommit() && config.groupId() != null && now - lastAutoCommitMs >= config.autoCommitIntervalMs()) {
            lastAutoCommitMs = now;
            commitSync(currentPositions(owned));
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> currentPositions(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> m = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            Long p = positions.get(tp);
            if (p != null) {
                m.put(tp, new OffsetAndMetadata(p));
            }
        }
        return m;
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
        requireOwned(partition, "seek");
        if (offset < 0) {
            throw new IllegalArgumentException("seek to offset " + offset + " of " + partition + ": offsets are never negative");
        }
        positions.put(partition, offset);
        buffers.remove(partition);
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            seek(tp, log.partition(tp.topic(), tp.partition()).logStartOffset());
        }
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            seek(tp, endOffset(log.partition(tp.topic(), tp.partition())));
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps) {
        ensureOpen();
        Map<TopicPartition, OffsetAndTimestamp> result = new LinkedHashMap<>();
        timestamps.forEach((tp, timestamp) -> {
            if (timestamp == null || timestamp < 0) {
                throw new IllegalArgumentException("offsetsForTimes: the timestamp for " + tp + " must not be negative, was " + timestamp);
            }
            result.put(tp, log.partition(tp.topic(), tp.partition()).offsetForTimestamp(timestamp)
                .map(found -> new OffsetAndTimestamp(found.offset(), found.timestamp())).orElse(null));
        });
        return result;
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        ensureOpen();
        Map<TopicPartition, Long> result = new LinkedHashMap<>();
        partitions.forEach(tp -> result.put(tp, log.partition(tp.topic(), tp.partition()).logStartOffset()));
        return result;
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        ensureOpen();
        Map<TopicPartition, Long> result = new LinkedHashMap<>();
        partitions.forEach(tp -> result.put(tp, endOffset(log.partition(tp.topic(), tp.partition()))));
        return result;
    }

    @Override
    public long position(TopicPartition partition) {
        requireOwned(partition, "position");
        Long p = positions.get(partition);
        if (p != null) {
            return p;
        }
        PartitionLog log = this.log.partition(partition.topic(), partition.partition());
        Optional<OffsetAndMetadata> committed = config.groupId() == null ? Optional.empty() : committed(partition);
        long start;
        if (committed.isPresent()) {
            start = committed.get().offset();
        } else if (config.autoOffsetReset() == ConsumerConfig.AutoOffsetReset.NONE) {
            throw new NoOffsetForPartitionException("consumer group " + config.groupId() + " has no committed offset for "
                + partition + " and " + ConsumerConfig.AUTO_OFFSET_RESET + " is none; commit an offset, seek, or set "
                + ConsumerConfig.AUTO_OFFSET_RESET + " to earliest or latest");
        } else {
            start = resetOffset(log);
        }
        positions.put(partition, start);
        return start;
    }

    @Override
    public void commitSync() {
        ensureOpen();
        commitSync(currentPositions(owned));
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        ensureOpen();
        String group = requireGroup("commitSync");
        log.committedOffsets().commit(group, offsets);
    }

    @Override
    public Optional<OffsetAndMetadata> committed(TopicPartition partition) {
        ensureOpen();
        return log.committedOffsets().committed(requireGroup("committed"), partition);
    }

    @Override
    public ConsumerGroupMetadata groupMetadata() {
        return new ConsumerGroupMetadata(requireGroup("groupMetadata"), generation, memberId);
    }

    private void dropAll(boolean notify) {
        if (notify && listener != null && !owned.isEmpty()) {
            listener.onPartitionsRevoked(new TreeSet<>(owned));
        }
        owned.clear();
        positions.clear();
        buffers.clear();
    }

    private void leaveGroup(boolean notify) {
        if (joined) {
            if (notify && listener != null && !owned.isEmpty()) {
                listener.onPartitionsRevoked(new TreeSet<>(owned));
            }
            if (config.enableAutoCommit() && !owned.isEmpty()) {
                commitSync(currentPositions(owned));
            }
            owned.clear();
            log.groups().leave(config.groupId(), memberId);
            joined = false;
        }
    }

    private void requireOwned(TopicPartition partition, String operation) {
        ensureOpen();
        if (!owned.contains(partition)) {
            throw new IllegalStateException(operation + " of " + partition + ": consumer " + config.clientId()
                + " does not own this partition; it owns " + new TreeSet<>(owned));
        }
    }

    private String requireGroup(String operation) {
        if (config.groupId() == null) {
            throw new IllegalStateException(operation + " needs " + ConsumerConfig.GROUP_ID + " in the consumer's settings");
        }
        return config.groupId();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("consumer " + config.clientId() + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (!log.isClosed()) {
                if (!joined && config.enableAutoCommit() && config.groupId() != null && !owned.isEmpty()) {
                    commitSync(currentPositions(owned));
                }
                leaveGroup(true);
            }
        } finally {
            closed = true;
            log.clientClosed(this);
        }
    }
}
