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
import java.util.Optional;

/**
 * The committed offsets of every consumer group, kept in the compacted internal topic
 * {@value #TOPIC} (one partition) and in memory. Key: format version int16, group, topic (each int16
 * length + UTF-8), partition int32. Value: format version int16, offset int64, metadata (int16 length +
 * UTF-8). Offsets written inside a transaction take effect when its COMMIT marker is written, both live
 * and when the topic is read back on open, and never if it aborts. Thread-safe.
 */
final class CommittedOffsets {
    static final String TOPIC = "__consumer_offsets";
    private static final short VERSION = 0;

    private record Key(String group, TopicPartition partition) {
    }

    private final PartitionLog log;
    private final Map<Key, OffsetAndMetadata> committed = new HashMap<>();
    private final Map<Long, List<Map.Entry<Key, OffsetAndMetadata>>> pendingByProducer = new HashMap<>();

    CommittedOffsets(PartitionLog log) {
        this.log = log;
        load();
    }

    PartitionLog partition() {
        return log;
    }

    private void load() {
        long offset = log.logStartOffset();
        while (offset < log.logEndOffset()) {
            FetchResult fetch = log.read(offset, 1 << 20, IsolationLevel.READ_UNCOMMITTED);
            for (RecordBatch b : fetch.batches()) {
                if (b.control()) {
                    List<Map.Entry<Key, OffsetAndMetadata>> pending = pendingByProducer.remove(b.producerId());
                    if (pending != null && b.controlType() == ControlType.COMMIT) {
                        pending.forEach(e -> committed.put(e.getKey(), e.getValue()));
                    }
                } else {
                    for (LogRecord r : b.records()) {
                        if (r.offset() < offset || r.key() == null || r.value() == null) {
                            continue;
                        }
                        Map.Entry<Key, OffsetAndMetadata> e = Map.entry(decodeKey(r.key()), decodeValue(r.value()));
                        if (b.transactional()) {
                            pendingByProducer.computeIfAbsent(b.producerId(), p -> new ArrayList<>()).add(e);
                        } else {
                            committed.put(e.getKey(), e.getValue());
                        }
                    }
                }
                offset = b.nextOffset();
            }
        }
    }

    /** Writes and fsyncs offsets committed outside a transaction. */
    synchronized void commit(String group, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        log.append(AppendBatch.of(CompressionType.NONE, records(group, offsets)));
        log.flush();
        offsets.forEach((tp, o) -> committed.put(new Key(group, tp), o));
    }

    /** The batch a transactional producer appends; remembered until its marker. */
    synchronized AppendBatch transactionalBatch(long producerId, short epoch, String group,
                                                Map<TopicPartition, OffsetAndMetadata> offsets) {
        return AppendBatch.transactional(producerId, epoch, CompressionType.NONE, records(group, offsets));
    }

    synchronized void appendedTransactional(long producerId, String group, Map<TopicPartition, OffsetAndMetadata> offsets) {
        List<Map.Entry<Key, OffsetAndMetadata>> pending = pendingByProducer.computeIfAbsent(producerId, p -> new ArrayList<>());
        offsets.forEach((tp, o) -> pending.add(Map.entry(new Key(group, tp), o)));
    }

    /** Applies or drops the offsets of a producer's transaction once its marker is written. */
    synchronized void transactionEnded(long producerId, boolean committedTxn) {
        List<Map.Entry<Key, OffsetAndMetadata>> pending = pendingByProducer.remove(producerId);
        if (pending != null && committedTxn) {
            pending.forEach(e -> committed.put(e.getKey(), e.getValue()));
        }
    }

    synchronized Optional<OffsetAndMetadata> committed(String group, TopicPartition partition) {
        return Optional.ofNullable(committed.get(new Key(group, partition)));
    }

    private static List<LogRecord> records(String group, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (group.getBytes(StandardCharsets.UTF_8).length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("group id " + group.substring(0, 40) + "... is longer than "
                + Short.MAX_VALUE + " bytes; nothing was committed");
        }
        offsets.forEach((tp, o) -> {
            if (o.metadata().getBytes(StandardCharsets.UTF_8).length > Short.MAX_VALUE) {
                throw new IllegalArgumentException("the metadata of the offset for " + tp + " in group " + group
                    + " is longer than " + Short.MAX_VALUE + " bytes; nothing was committed");
            }
        });
        long now = System.currentTimeMillis();
        List<LogRecord> records = new ArrayList<>(offsets.size());
        offsets.forEach((tp, o) -> records.add(LogRecord.of(now, encodeKey(group, tp), encodeValue(o))));
        return records;
    }

    static byte[] encodeKey(String group, TopicPartition tp) {
        byte[] g = group.getBytes(StandardCharsets.UTF_8);
        byte[] t = tp.topic().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 2 + g.length + 2 + t.length + 4).putShort(VERSION)
            .putShort((short) g.length).put(g).putShort((short) t.length).put(t).putInt(tp.partition()).array();
    }

    private static Key decodeKey(byte[] key) {
        ByteBuffer b = ByteBuffer.wrap(key);
        b.getShort();
        String group = string(b);
        String topic = string(b);
        return new Key(group, new TopicPartition(topic, b.getInt()));
    }

    private static byte[] encodeValue(OffsetAndMetadata o) {
        byte[] m = o.metadata().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + 8 + 2 + m.length).putShort(VERSION).putLong(o.offset())
            .putShort((short) m.length).put(m).array();
    }

    private static OffsetAndMetadata decodeValue(byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value);
        b.getShort();
        long offset = b.getLong();
        return new OffsetAndMetadata(offset, string(b));
    }

    static String string(ByteBuffer b) {
        byte[] s = new byte[b.getShort() & 0xffff];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
