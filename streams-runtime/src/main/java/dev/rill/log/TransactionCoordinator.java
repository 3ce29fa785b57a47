package dev.rill.log;

import dev.rill.log.internal.AppendBatch;
import dev.rill.log.internal.ControlType;
import dev.rill.log.internal.FetchResult;
import dev.rill.log.internal.LogRecord;
import dev.rill.log.internal.PartitionLog;
import dev.rill.log.internal.RecordBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the transactions of one log. The compacted internal topic {@value #TOPIC} (one partition) holds,
 * per transactional id, its latest state: producer id, epoch, status and the partitions the current
 * transaction touched. Key: the transactional id in UTF-8. Value: format version int16, producer id int64,
 * epoch int16, status int8, partition count int32, per partition topic (int16 length + UTF-8) and
 * partition int32.
 *
 * <p>Commit protocol: the COMMIT (or ABORT) state record is appended and fsynced first; that is the
 * decision. Then a marker is written (and fsynced) to every touched partition. Recovery on open finishes
 * decided transactions whose markers are missing, and aborts every other open transaction it finds, in
 * the state topic or in any partition. Every operation checks the producer's epoch, so a producer replaced
 * by a newer one with the same transactional id is fenced. Thread-safe: one lock for all transactions.
 */
final class TransactionCoordinator {
    static final String TOPIC = "__transaction_state";
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCoordinator.class);
    private static final short VERSION = 0;

    enum Status {
        EMPTY, ONGOING, COMMIT, ABORT
    }

    record ProducerIdentity(long producerId, short epoch) {
    }

    private record State(long producerId, short epoch, Status status, Set<TopicPartition> partitions) {
    }

    private final PartitionLog stateLog;
    private final BiFunction<String, Integer, PartitionLog> partitions;
    private final CommittedOffsetsSource offsets;
    private final Map<String, State> states = new HashMap<>();
    private long nextProducerId;

    /** Gives the committed-offsets store lazily, so that recovery can run before it is loaded. */
    interface CommittedOffsetsSource {
        CommittedOffsets get();
    }

    TransactionCoordinator(PartitionLog stateLog, BiFunction<String, Integer, PartitionLog> partitions,
                           CommittedOffsetsSource offsets) {
        this.stateLog = stateLog;
        this.partitions = partitions;
        this.offsets = offsets;
        load();
    }

    private void load() {
        long offset = stateLog.logStartOffset();
        while (offset < stateLog.logEndOffset()) {
            FetchResult fetch = stateLog.read(offset, 1 << 20, IsolationLevel.READ_UNCOMMITTED);
            for (RecordBatch b : fetch.batches()) {
                for (LogRecord r : b.records()) {
                    if (r.offset() >= offset && r.key() != null && r.value() != null) {
                        State s = decode(r.value());
                        states.put(new String(r.key(), StandardCharsets.UTF_8), s);
                        nextProducerId = Math.max(nextProducerId, s.producerId() + 1);
                    }
                }
                offset = b.nextOffset();
            }
        }
    }

    /**
     * Finishes what a crash interrupted: decided transactions get their missing markers, undecided ones
     * are aborted.
     *
     * @param allPartitions every partition of the log, to find open transactions no state record knows
     */
    synchronized void recover(List<PartitionLog> allPartitions) {
        for (Map.Entry<String, State> e : new ArrayList<>(states.entrySet())) {
            State s = e.getValue();
            if (s.status() == Status.ONGOING) {
                LOG.warn("Aborting transaction of transactional.id {} (producer id {}, epoch {}) left open in {}",
                    e.getKey(), s.producerId(), s.epoch(), s.partitions());
                end(e.getKey(), s, false);
            } else if (s.status() == Status.COMMIT || s.status() == Status.ABORT) {
                writeMarkers(s, s.status() == Status.COMMIT);
            }
        }
        for (PartitionLog p : allPartitions) {
            for (Long pid : p.openTransactions().keySet()) {
                LOG.warn("Aborting open transaction of producer id {} in {}-{}: no committed decision exists for it",
                    pid, p.topic(), p.partition());
                p.appendMarker(pid, epochOf(pid), ControlType.ABORT);
            }
        }
    }

    private short epochOf(long pid) {
        for (State s : states.values()) {
            if (s.producerId() == pid) {
                return s.epoch();
            }
        }
        return 0;
    }

    /** Registers a transactional id: aborts its open transaction, bumps its epoch and fences older producers. */
    synchronized ProducerIdentity init(String transactionalId) {
        State s = states.get(transactionalId);
        if (s != null && s.status() == Status.ONGOING) {
            LOG.info("Aborting the open transaction of transactional.id {} (epoch {}) for its new producer",
                transactionalId, s.epoch());
            s = end(transactionalId, s, false);
        }
        long pid;
        short epoch;
        if (s == null || s.epoch() == Short.MAX_VALUE) {
            pid = nextProducerId++;
            epoch = 0;
        } else {
            pid = s.producerId();
            epoch = (short) (s.epoch() + 1);
        }
        write(transactionalId, new State(pid, epoch, Status.EMPTY, Set.of()), true);
        return new ProducerIdentity(pid, epoch);
    }

    /** Adds a partition to the producer's transaction; must precede its first append there. */
    synchronized void addPartition(String transactionalId, ProducerIdentity id, TopicPartition tp) {
        State s = check(transactionalId, id);
        if (s.status() == Status.ONGOING && s.partitions().contains(tp)) {
            return;
        }
        Set<TopicPartition> touched = new TreeSet<>(s.status() == Status.ONGOING ? s.partitions() : Set.of());
        touched.add(tp);
        // Not fsynced: if this record is lost but the data survives, recovery aborts the data anyway.
        write(transactionalId, new State(id.producerId(), id.epoch(), Status.ONGOING, touched), false);
    }

    /** Appends a transactional batch unless the producer is fenced; the check and the append are atomic. */
    synchronized long append(String transactionalId, ProducerIdentity id, PartitionLog partition, AppendBatch batch,
                             java.nio.ByteBuffer scratch) {
        check(transactionalId, id);
        return partition.append(batch, scratch);
    }

    /** Appends consumer offsets to the open transaction. */
    void appendOffsets(String transactionalId, ProducerIdentity id, String group,
                       Map<TopicPartition, OffsetAndMetadata> committed) {
        // Resolved before taking this lock: creating the store may need the log's monitor.
        CommittedOffsets store = offsets.get();
        synchronized (this) {
            appendOffsets(transactionalId, id, group, committed, store);
        }
    }

    private void appendOffsets(String transactionalId, ProducerIdentity id, String group,
                               Map<TopicPartition, OffsetAndMetadata> committed, CommittedOffsets store) {
        PartitionLog p = store.partition();
        addPartition(transactionalId, id, new TopicPartition(p.topic(), p.partition()));
        check(transactionalId, id);
        p.append(store.transactionalBatch(id.producerId(), id.epoch(), group, committed));
        store.appendedTransactional(id.producerId(), group, committed);
    }

    /** Commits or aborts the producer's transaction; durable when it returns. */
    synchronized void complete(String transactionalId, ProducerIdentity id, boolean commit) {
        State s = check(transactionalId, id);
        if (s.status() != Status.ONGOING) {
            return;
        }
        end(transactionalId, s, commit);
    }

    private State end(String transactionalId, State s, boolean commit) {
        State decided = new State(s.producerId(), s.epoch(), commit ? Status.COMMIT : Status.ABORT, s.partitions());
        write(transactionalId, decided, true);
        writeMarkers(decided, commit);
        return decided;
    }

    private void writeMarkers(State s, boolean commit) {
        for (TopicPartition tp : s.partitions()) {
            PartitionLog p = partitions.apply(tp.topic(), tp.partition());
            if (p.openTransactions().containsKey(s.producerId())) {
                p.appendMarker(s.producerId(), s.epoch(), commit ? ControlType.COMMIT : ControlType.ABORT);
            }
            if (tp.topic().equals(CommittedOffsets.TOPIC)) {
                offsets.get().transactionEnded(s.producerId(), commit);
            }
        }
    }

    private State check(String transactionalId, ProducerIdentity id) {
        State s = states.get(transactionalId);
        if (s == null || s.producerId() != id.producerId() || s.epoch() != id.epoch()) {
            throw new ProducerFencedException("the producer with transactional.id " + transactionalId + " (producer id "
                + id.producerId() + ", epoch " + id.epoch() + ") was fenced by a newer producer with the same id"
                + (s == null ? "" : " (producer id " + s.producerId() + ", epoch " + s.epoch() + ")")
                + "; close this producer");
        }
        return s;
    }

    private void write(String transactionalId, State s, boolean durable) {
        stateLog.append(AppendBatch.of(CompressionType.NONE,
            List.of(LogRecord.of(System.currentTimeMillis(), transactionalId.getBytes(StandardCharsets.UTF_8), encode(s)))));
        if (durable) {
            stateLog.flush();
        }
        states.put(transactionalId, s);
    }

    private static byte[] encode(State s) {
        List<byte[]> topics = new ArrayList<>();
        int size = 2 + 8 + 2 + 1 + 4;
        for (TopicPartition tp : s.partitions()) {
            byte[] t = tp.topic().getBytes(StandardCharsets.UTF_8);
            topics.add(t);
            size += 2 + t.length + 4;
        }
        ByteBuffer b = ByteBuffer.allocate(size).putShort(VERSION).putLong(s.producerId()).putShort(s.epoch())
            .put((byte) s.status().ordinal()).putInt(s.partitions().size());
        int i = 0;
        for (TopicPartition tp : s.partitions()) {
            byte[] t = topics.get(i++);
            b.putShort((short) t.length).put(t).putInt(tp.partition());
        }
        return b.array();
    }

    private static State decode(byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        b.getShort();
        long pid = b.getLong();
        short epoch = b.getShort();
        Status status = Status.values()[b.get()];
        int n = b.getInt();
        Set<TopicPartition> parts = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            parts.add(new TopicPartition(CommittedOffsets.string(b), b.getInt()));
        }
        return new State(pid, epoch, status, parts);
    }
}
