package dev.rill.log;

import dev.rill.annotation.Evolving;
import dev.rill.common.serialization.Deserializer;
import dev.rill.common.serialization.Serializer;
import dev.rill.log.internal.DirectoryLock;
import dev.rill.log.internal.LogMaintenance;
import dev.rill.log.internal.PartitionDump;
import dev.rill.log.internal.PartitionLog;
import dev.rill.log.internal.TopicMetadataStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rill's built-in partition log on local disk: topics made of partitions, each a directory
 * {@code <topic>-<partition>} of segment files with sparse offset and time indexes, a CRC32C on every
 * batch, retention by time and size, compaction, and transaction markers.
 *
 * <pre>{@code
 * try (EmbeddedLog log = EmbeddedLog.open(Path.of("/var/lib/myapp/log"))) {
 *     log.createTopic("orders", TopicConfig.builder().partitions(3).retentionMs(Duration.ofDays(1).toMillis()).build());
 *     System.out.println(log.describe("orders"));
 * }
 * }</pre>
 *
 * <p>One directory belongs to one open log: a lock file {@code .lock} (holding the holder's pid and host)
 * makes a second open, in this process or another, fail with {@link LogLockedException}. Opening recovers
 * every partition: a torn or corrupt tail of an active segment is cut off with a warning, and missing or
 * damaged indexes are rebuilt.
 *
 * <p>Durability: appends reach the operating system at once and the disk on a transaction marker, on
 * {@link #flush()} and as {@code flush.messages} / {@code flush.ms} say; topic settings are written
 * durably when a topic is created. A background thread applies retention and compaction every
 * {@link LogConfig#maintenanceInterval()}.
 *
 * <p>Thread-safe. Records are appended and read through the producer and consumer of this package.
 */
@Evolving
public final class EmbeddedLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedLog.class);
    private static final int MAX_TOPIC_NAME = 249;

    private record Topic(TopicConfig config, List<PartitionLog> partitions) {
    }

    private final Path dir;
    private final LongSupplier clock;
    private final DirectoryLock lock;
    private final TopicMetadataStore metadata;
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final LogMaintenance maintenance;
    private final GroupCoordinator groups;
    private final Set<AutoCloseable> clients = ConcurrentHashMap.newKeySet();
    // Created on first use; read without the log's monitor so that client threads never wait for close().
    private volatile TransactionCoordinator transactions;
    private volatile CommittedOffsets committedOffsets;
    private volatile boolean closed;

    private EmbeddedLog(Path dir, LogConfig config, LongSupplier clock) {
        this.lock = DirectoryLock.acquire(dir);
        this.dir = lock.directory();
        this.clock = clock;
        this.metadata = new TopicMetadataStore(this.dir);
        try {
            Set<String> known = new TreeSet<>();
            for (Map.Entry<String, TopicConfig> e : metadata.readAll().entrySet()) {
                topics.put(e.getKey(), openTopic(e.getKey(), e.getValue()));
                known.add(e.getKey());
            }
            warnAboutOrphans(known);
            if (topics.containsKey(TransactionCoordinator.TOPIC)) {
                transactions();
            }
            // Transactions left open by a crash are finished or aborted before anyone reads.
            transactionsOrNull().ifPresentOrElse(t -> t.recover(allPartitions()), this::abortOrphanTransactions);
        } catch (RuntimeException e) {
            topics.values().forEach(t -> t.partitions().forEach(PartitionLog::close));
            lock.close();
            throw e;
        }
        this.groups = new GroupCoordinator(this::partitionCount, clock);
        this.maintenance = new LogMaintenance(this.dir.getFileName().toString(), config.maintenanceInterval().toMillis(),
            this::allPartitions, clock, config.cleanerEnabled());
    }

    /**
     * Opens the log in {@code dir} with default settings, creating the directory if needed.
     *
     * @param dir the log directory
     * @return the open log
     * @throws LogLockedException if the directory is open elsewhere
     * @throws LogStorageException if the directory cannot be read or recovered
     */
    public static EmbeddedLog open(Path dir) {
        return open(dir, LogConfig.defaults());
    }

    /**
     * Opens the log in {@code dir}, creating the directory if needed.
     *
     * @param dir the log directory
     * @param config the log's settings
     * @return the open log
     * @throws LogLockedException if the directory is open elsewhere
     * @throws LogStorageException if the directory cannot be read or recovered
     */
    public static EmbeddedLog open(Path dir, LogConfig config) {
        return open(dir, config, System::currentTimeMillis);
    }

    static EmbeddedLog open(Path dir, LogConfig config, LongSupplier clock) {
        Objects.requireNonNull(dir, "log directory must not be null");
        Objects.requireNonNull(config, "log config must not be null");
        return new EmbeddedLog(dir, config, clock);
    }

    /**
     * Creates a topic and its partitions. A topic that deletes old data and keeps the default retention
     * (7 days, no size limit) is created with a warning naming {@code retention.ms} and
     * {@code retention.bytes}.
     *
     * @param name the topic name: 1 to 249 of ASCII letters, digits, {@code .}, {@code _}, {@code -}
     * @param config its settings
     * @return the new topic's description
     * @throws InvalidTopicException if the name is not allowed
     * @throws TopicExistsException if the topic exists
     * @throws LogStorageException if its files cannot be created
     * @throws LogClosedException if the log is closed
     */
    public synchronized TopicDescription createTopic(String name, TopicConfig config) {
        ensureOpen();
        Objects.requireNonNull(config, "topic config must not be null");
        validateName(name);
        if (topics.containsKey(name)) {
            throw new TopicExistsException("topic " + name + " already exists in " + dir + " with "
                + topics.get(name).config().partitions() + " partition(s)");
        }
        if (config.cleanupPolicy().deletes() && config.retentionMs() == TopicConfig.DEFAULT_RETENTION_MS
            && config.retentionBytes() == -1) {
            LOG.warn("Topic {} is created without explicit retention: {}={} (7 days) and {}={} (no size limit) apply; "
                + "set them in its TopicConfig to keep data longer or bound its size", name, TopicConfig.RETENTION_MS,
                config.retentionMs(), TopicConfig.RETENTION_BYTES, config.retentionBytes());
        }
        Topic topic = openTopic(name, config);
        try {
            // The settings file is the commit point: partition directories without it are ignored on open.
            metadata.write(name, config);
        } catch (RuntimeException e) {
            topic.partitions().forEach(PartitionLog::close);
            throw e;
        }
        topics.put(name, topic);
        return describe(name);
    }

    /** @return the names of all topics, sorted */
    public Set<String> topics() {
        ensureOpen();
        return Collections.unmodifiableSet(new TreeSet<>(topics.keySet()));
    }

    /**
     * @param topic a topic name
     * @return the topic's settings and, per partition, its offsets, size and segments
     * @throws UnknownTopicException if there is no such topic
     * @throws LogClosedException if the log is closed
     */
    public TopicDescription describe(String topic) {
        Topic t = topic(topic);
        List<PartitionDescription> parts = new ArrayList<>();
        for (PartitionLog p : t.partitions()) {
            parts.add(p.describe());
        }
        return new TopicDescription(topic, t.config(), parts);
    }

    /**
     * Dumps a range of a partition as text: batch boundaries (base offset, CRC, compression, producer id and
     * epoch, transactional, COMMIT/ABORT markers) and per record its offset, timestamp and type, key, value
     * (quoted text when printable UTF-8, else hex) and headers.
     *
     * @param topic the topic
     * @param partition the partition
     * @param fromOffset first offset shown
     * @param toOffset offset after the last one shown
     * @return the text
     * @throws UnknownTopicException if there is no such topic
     * @throws UnknownPartitionException if the partition does not exist
     */
    public String dump(String topic, int partition, long fromOffset, long toOffset) {
        return dump(topic, partition, fromOffset, toOffset, null, null);
    }

    /**
     * Dumps a range of a partition like {@link #dump(String, int, long, long)}, showing keys and values
     * through deserializers.
     *
     * @param topic the topic
     * @param partition the partition
     * @param fromOffset first offset shown
     * @param toOffset offset after the last one shown
     * @param keys the key deserializer, or {@code null} for text / hex
     * @param values the value deserializer, or {@code null} for text / hex
     * @return the text
     * @throws UnknownTopicException if there is no such topic
     * @throws UnknownPartitionException if the partition does not exist
     */
    public String dump(String topic, int partition, long fromOffset, long toOffset, Deserializer<?> keys,
                       Deserializer<?> values) {
        return PartitionDump.dump(partition(topic, partition), fromOffset, toOffset, keys, values);
    }

    /**
     * Forces every partition to disk.
     *
     * @throws LogStorageException if an fsync fails
     * @throws LogClosedException if the log is closed
     */
    public void flush() {
        for (PartitionLog p : allPartitions()) {
            p.flush();
        }
    }

    /**
     * Creates a producer that appends to this log. See {@link Producer} for batching, partitioning and
     * transactions. It is closed with the log at the latest.
     *
     * @param config its settings
     * @param keySerializer turns keys into bytes
     * @param valueSerializer turns values into bytes
     * @param <K> key type
     * @param <V> value type
     * @return the producer; thread-safe
     * @throws LogClosedException if the log is closed
     */
    public <K, V> Producer<K, V> producer(ProducerConfig config, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        ensureOpen();
        Objects.requireNonNull(config, "producer config must not be null");
        LogProducer<K, V> p = new LogProducer<>(this, config, Objects.requireNonNull(keySerializer, "keySerializer"),
            Objects.requireNonNull(valueSerializer, "valueSerializer"));
        clients.add(p);
        return p;
    }

    /**
     * Creates a consumer that reads this log. See {@link Consumer} for groups, offsets and isolation. It is
     * closed with the log at the latest.
     *
     * @param config its settings
     * @param keyDeserializer turns key bytes into keys
     * @param valueDeserializer turns value bytes into values
     * @param <K> key type
     * @param <V> value type
     * @return the consumer; use it from one thread
     * @throws LogClosedException if the log is closed
     */
    public <K, V> Consumer<K, V> consumer(ConsumerConfig config, Deserializer<K> keyDeserializer,
                                          Deserializer<V> valueDeserializer) {
        ensureOpen();
        Objects.requireNonNull(config, "consumer config must not be null");
        LogConsumer<K, V> c = new LogConsumer<>(this, config, Objects.requireNonNull(keyDeserializer, "keyDeserializer"),
            Objects.requireNonNull(valueDeserializer, "valueDeserializer"));
        clients.add(c);
        return c;
    }

    /** @return the log directory */
    public Path directory() {
        return dir;
    }

    /** The handle of one partition, for the producer and consumer of this package. */
    PartitionLog partition(String topic, int partition) {
        Topic t = topic(topic);
        if (partition < 0 || partition >= t.partitions().size()) {
            throw new UnknownPartitionException("topic " + topic + " has partitions 0 to " + (t.partitions().size() - 1)
                + "; partition " + partition + " does not exist");
        }
        return t.partitions().get(partition);
    }

    /** @return the number of partitions of a topic */
    int partitionCount(String topic) {
        return topic(topic).partitions().size();
    }

    boolean isClosed() {
        return closed;
    }

    void clientClosed(AutoCloseable client) {
        clients.remove(client);
    }

    GroupCoordinator groups() {
        ensureOpen();
        return groups;
    }

    TransactionCoordinator transactions() {
        ensureOpen();
        TransactionCoordinator t = transactions;
        if (t != null) {
            return t;
        }
        synchronized (this) {
            if (transactions == null) {
                transactions = new TransactionCoordinator(internalTopic(TransactionCoordinator.TOPIC), this::partition,
                    this::committedOffsets);
            }
            return transactions;
        }
    }

    private java.util.Optional<TransactionCoordinator> transactionsOrNull() {
        return java.util.Optional.ofNullable(transactions);
    }

    CommittedOffsets committedOffsets() {
        ensureOpen();
        CommittedOffsets c = committedOffsets;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (committedOffsets == null) {
                committedOffsets = new CommittedOffsets(internalTopic(CommittedOffsets.TOPIC));
            }
            return committedOffsets;
        }
    }

    /** Without a transaction state topic no transaction was ever decided: every open one is aborted. */
    private void abortOrphanTransactions() {
        for (PartitionLog p : allPartitions()) {
            for (Long pid : p.openTransactions().keySet()) {
                LOG.warn("Aborting open transaction of producer id {} in {}-{}: no committed decision exists for it",
                    pid, p.topic(), p.partition());
                p.appendMarker(pid, (short) 0, dev.rill.log.internal.ControlType.ABORT);
            }
        }
    }

    /** Opens, creating it if needed, the single compacted partition of an internal topic. */
    private PartitionLog internalTopic(String name) {
        if (!topics.containsKey(name)) {
            createTopic(name, TopicConfig.builder().cleanupPolicy(TopicConfig.CleanupPolicy.COMPACT)
                .segmentBytes(64 * 1024 * 1024).build());
        }
        return partition(name, 0);
    }

    /** Runs retention, compaction and timed flushes now instead of waiting for the background thread. */
    void runMaintenance() {
        ensureOpen();
        maintenance.runOnce();
    }

    private Topic topic(String name) {
        ensureOpen();
        Topic t = topics.get(name);
        if (t == null) {
            throw new UnknownTopicException("topic " + name + " does not exist in " + dir + "; known topics: "
                + new TreeSet<>(topics.keySet()) + ". Create it with createTopic");
        }
        return t;
    }

    private List<PartitionLog> allPartitions() {
        List<PartitionLog> all = new ArrayList<>();
        topics.values().forEach(t -> all.addAll(t.partitions()));
        return all;
    }

    private Topic openTopic(String name, TopicConfig config) {
        List<PartitionLog> parts = new ArrayList<>();
        try {
            for (int p = 0; p < config.partitions(); p++) {
                parts.add(PartitionLog.open(name, p, dir.resolve(name + "-" + p), config, clock));
            }
        } catch (RuntimeException e) {
            parts.forEach(PartitionLog::close);
            throw e;
        }
        return new Topic(config, List.copyOf(parts));
    }

    private void warnAboutOrphans(Set<String> known) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                int dash = name.lastIndexOf('-');
                if (dash > 0 && name.substring(dash + 1).chars().allMatch(Character::isDigit) && dash < name.length() - 1
                    && !known.contains(name.substring(0, dash))) {
                    LOG.warn("Ignoring partition directory {}: topic {} has no settings file in {}", p,
                        name.substring(0, dash), dir.resolve("topics"));
                }
            }
        } catch (IOException e) {
            throw new LogStorageException("cannot list log directory " + dir + ": " + e, e);
        }
    }

    private static void validateName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_TOPIC_NAME || name.equals(".") || name.equals("..")
            || !name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-'))) {
            throw new InvalidTopicException("topic name '" + name + "' is not allowed: use 1 to " + MAX_TOPIC_NAME
                + " ASCII letters, digits, '.', '_' or '-', and not '.' or '..'");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogClosedException("the log in " + dir + " is closed; open it again with EmbeddedLog.open");
        }
    }

    /**
     * Stops the background thread, flushes and closes every partition and releases the directory lock.
     * Idempotent.
     *
     * @throws LogStorageException if a partition cannot be flushed or closed; the lock is released anyway
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        for (AutoCloseable c : List.copyOf(clients)) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing a client of the log in {} failed: {}", dir, e.toString());
            }
        }
        closed = true;
        maintenance.close();
        RuntimeException failure = null;
        for (PartitionLog p : allPartitions()) {
            try {
                p.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        lock.close();
        if (failure != null) {
            throw failure;
        }
    }
}
