package dev.rill.streams;

import dev.rill.annotation.Stable;
import dev.rill.common.Metric;
import dev.rill.common.MetricName;
import dev.rill.common.header.Headers;
import dev.rill.common.header.RecordHeaders;
import dev.rill.common.serialization.Deserializer;
import dev.rill.common.serialization.Serializer;
import dev.rill.streams.internal.task.PartitionQueues;
import dev.rill.streams.internal.task.RecordCollector;
import dev.rill.streams.internal.task.StreamTask;
import dev.rill.streams.internal.topology.TopologyModel;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.streams.state.TimestampedKeyValueStore;
import dev.rill.streams.state.ValueAndTimestamp;
import dev.rill.streams.state.SessionStore;
import dev.rill.streams.state.TimestampedWindowStore;
import dev.rill.streams.state.WindowStore;
import dev.rill.streams.state.internal.PlainValueWindowStore;
import dev.rill.streams.state.internal.ApplicationResources;
import dev.rill.streams.test.TestRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs a {@link Topology} in a unit test, one record at a time, with no log and no threads: pipe input
 * with a {@link TestInputTopic}, read output with a {@link TestOutputTopic}, move wall-clock time with
 * {@link #advanceWallClockTime}. It runs the same task code as the engine.
 *
 * <pre>{@code
 * try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
 *     TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
 *     TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
 *     in.pipeInput("k", "v");
 *     assertEquals(KeyValue.pair("k", "V"), out.readKeyValue());
 * }
 * }</pre>
 *
 * <p>How it runs: the whole topology is one task ({@code 0_0}) and every topic has one partition. Each
 * piped record is processed to the end; then stream-time punctuations that are due run and the task
 * commits: caches are flushed and what they held is forwarded, suppression buffers log their changes.
 * Persistent stores write their own state out every {@value #RECORDS_PER_STORE_FLUSH} records and at
 * {@link #close()}, which nothing in a test can observe: their changelogs already show every change. Records the topology writes to its own internal topics, or to topics it
 * also reads, are queued per topic and processed the same way, one at a time, always taking the queue
 * whose first record has the smallest timestamp: the order in which Kafka Streams' driver processes
 * them. Wall-clock punctuations
 * run only when {@link #advanceWallClockTime} is called. A piped record with a timestamp the extractor
 * rejects is dropped and logged.
 *
 * <p>{@code application.id} defaults to {@code topology-test-driver}; stores live in a fresh directory
 * under {@code state.dir} that {@link #close()} deletes. Not thread-safe.
 */
@Stable
public class TopologyTestDriver implements Closeable {
    private static final String DEFAULT_APPLICATION_ID = "topology-test-driver";
    /** How many processed records between two flushes of the persistent stores, as Kafka Streams checkpoints. */
    static final int RECORDS_PER_STORE_FLUSH = 10_000;

    private final TopologyModel model;
    private final StreamsConfig config;
    private final StreamTask task;
    private final String threadName = Thread.currentThread().getName();
    private final ApplicationResources applicationResources = new ApplicationResources();
    private final Path stateDir;
    private final Instant initialWallClock;
    private long wallClockMs;
    private final Map<String, ArrayDeque<OutputRecord>> outputs = new LinkedHashMap<>();
    // The next offset of each topic, in a one-element array so that taking one boxes nothing.
    private final Map<String, long[]> nextOffsets = new HashMap<>();
    private final List<OutputRecord> captured = new ArrayList<>();
    private final PartitionQueues queued = new PartitionQueues();
    private boolean closed;
    private int recordsSinceStoreFlush;

    /**
     * Creates a driver with default settings and the wall clock at the current time.
     *
     * @param topology the topology to run
     */
    public TopologyTestDriver(Topology topology) {
        this(topology, new Properties());
    }

    /**
     * Creates a driver with the wall clock at the current time.
     *
     * @param topology the topology to run
     * @param config the application configuration (Kafka Streams setting names)
     * @throws dev.rill.common.errors.ConfigException if a setting is unknown or invalid
     */
    public TopologyTestDriver(Topology topology, Properties config) {
        this(topology, config, null);
    }

    /**
     * Creates a driver with default settings and a chosen start of the wall clock.
     *
     * @param topology the topology to run
     * @param initialWallClockTime the wall clock at start
     */
    public TopologyTestDriver(Topology topology, Instant initialWallClockTime) {
        this(topology, new Properties(), initialWallClockTime);
    }

    /**
     * Creates a driver.
     *
     * @param topology the topology to run
     * @param config the application configuration (Kafka Streams setting names)
     * @param initialWallClockTime the wall clock at start, or {@code null} for now
     * @throws dev.rill.common.errors.ConfigException if a setting is unknown or invalid
     * @throws dev.rill.streams.errors.StreamsException if a source or sink has no serde and no default
     *     is configured, or a store fails to open
     */
    public TopologyTestDriver(Topology topology, Properties config, Instant initialWallClockTime) {
        Objects.requireNonNull(topology, "topology must not be null");
        Objects.requireNonNull(config, "config must not be null");
        Properties props = new Properties();
        props.putAll(config);
        props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        this.config = new StreamsConfig(props);
        this.model = topology.model();
        this.initialWallClock = initialWallClockTime != null ? initialWallClockTime : Instant.now();
        this.wallClockMs = initialWallClock.toEpochMilli();
        try {
            Files.createDirectories(this.config.stateDir());
            this.stateDir = Files.createTempDirectory(this.config.stateDir(), this.config.applicationId() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory under " + this.config.stateDir(), e);
        }
        this.task = new StreamTask(new TaskId(0, 0), model, model.nodes(), this.config, new DriverCollector(),
            () -> wallClockMs, stateDir.toFile(), applicationResources);
        try {
            task.initialize();
        } catch (RuntimeException e) {
            try {
                task.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            } finally {
                applicationResources.close();
                deleteStateDir();
            }
            throw e;
        }
    }

    /**
     * Creates an input topic whose clock starts at the driver's initial wall-clock time and does not
     * advance by itself.
     *
     * @param topic the topic name
     * @param keySerializer serializes keys
     * @param valueSerializer serializes values
     * @param <K> key type
     * @param <V> value type
     * @return the input topic
     */
    public final <K, V> TestInputTopic<K, V> createInputTopic(String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        return new TestInputTopic<>(this, topic, keySerializer, valueSerializer, initialWallClock, Duration.ZERO);
    }

    /**
     * Creates an input topic with its own clock.
     *
     * @param topic the topic name
     * @param keySerializer serializes keys
     * @param valueSerializer serializes values
     * @param startTimestamp time given to the first record piped without a time
     * @param autoAdvance how far the clock moves after each such record
     * @param <K> key type
     * @param <V> value type
     * @return the input topic
     */
    public final <K, V> TestInputTopic<K, V> createInputTopic(String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                                              Instant startTimestamp, Duration autoAdvance) {
        return new TestInputTopic<>(this, topic, keySerializer, valueSerializer, startTimestamp, autoAdvance);
    }

    /**
     * Creates an output topic reader.
     *
     * @param topic the topic name
     * @param keyDeserializer deserializes keys
     * @param valueDeserializer deserializes values
     * @param <K> key type
     * @param <V> value type
     * @return the output topic
     */
    public final <K, V> TestOutputTopic<K, V> createOutputTopic(String topic, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        return new TestOutputTopic<>(this, topic, keyDeserializer, valueDeserializer);
    }

    /**
     * Moves the wall clock forward and runs the wall-clock punctuations that are due.
     *
     * @param advance how far, not negative
     * @throws IllegalArgumentException if negative
     */
    public void advanceWallClockTime(Duration advance) {
        checkOpen();
        if (advance.isNegative()) {
            throw new IllegalArgumentException("advance must not be negative, got " + advance);
        }
        wallClockMs += advance.toMillis();
        task.punctuateWallClock();
        task.commit();
        processQueued();
    }

    /**
     * @return the names of every topic the topology has written to, internal ones (such as store
     *     changelogs, {@code <application.id>-<store>-changelog}) with the application id
     */
    public final Set<String> producedTopicNames() {
        fileCaptured();
        return new LinkedHashSet<>(outputs.keySet());
    }

    /**
     * Returns a store to read or pre-populate before piping input.
     *
     * @param name the store name
     * @return the store, or {@code null} if the topology has none of that name
     */
    public StateStore getStateStore(String name) {
        checkOpen();
        return task.store(name);
    }

    /**
     * Returns a key-value store, typed, to read or pre-populate before piping input. This is the same
     * store the topology uses, with all its layers: writes from the test are logged to the changelog
     * and cached like the topology's own writes (logged with the stream time, or 0 before the first
     * record).
     *
     * @param name the store name
     * @param <K> key type
     * @param <V> value type
     * <p>For a store whose values carry timestamps (the stores of DSL tables and aggregations), this
     * returns a view with plain values; values written through it get timestamp -1. Use
     * {@link #getTimestampedKeyValueStore} to see or set the timestamps.
     *
     * @return the store, or {@code null} if the topology has no store of that name or it is not a
     *     {@link KeyValueStore}
     * @throws IllegalStateException if the driver is closed
     */
    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, V> getKeyValueStore(String name) {
        checkOpen();
        StateStore store = task.store(name);
        if (store instanceof TimestampedKeyValueStore<?, ?> timestamped) {
            return new PlainValueKeyValueStore<>((TimestampedKeyValueStore<K, V>) timestamped);
        }
        return store instanceof KeyValueStore<?, ?> kv ? (KeyValueStore<K, V>) kv : null;
    }

    /**
     * Returns a key-value store whose values carry timestamps, such as the store of a DSL table or
     * aggregation.
     *
     * @param name the store name
     * @param <K> key type
     * @param <V> value type, without timestamps
     * @return the store, or {@code null} if the topology has no such store
     * @throws IllegalStateException if the driver is closed
     */
    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, ValueAndTimestamp<V>> getTimestampedKeyValueStore(String name) {
        checkOpen();
        StateStore store = task.store(name);
        return store instanceof TimestampedKeyValueStore<?, ?> timestamped ? (TimestampedKeyValueStore<K, V>) timestamped : null;
    }

    /**
     * Returns a window store, typed, to read or pre-populate before piping input: the store the topology
     * uses, with all its layers. A timestamped window store is returned as a view with plain values:
     * reads drop the timestamps and puts write the value with no timestamp (-1), as in Kafka Streams.
     *
     * @param name the store name
     * @param <K> key type
     * @param <V> value type
     * @return the store, or {@code null} if the topology has no window store of that name
     * @throws IllegalStateException if the driver is closed
     */
    @SuppressWarnings("unchecked")
    public <K, V> WindowStore<K, V> getWindowStore(String name) {
        checkOpen();
        StateStore store = task.store(name);
        if (store instanceof TimestampedWindowStore<?, ?> timestamped) {
            return new PlainValueWindowStore<>((TimestampedWindowStore<K, V>) timestamped);
        }
        return store instanceof WindowStore<?, ?> window ? (WindowStore<K, V>) window : null;
    }

    /**
     * Returns a timestamped window store, typed, to read or pre-populate before piping input.
     *
     * @param name the store name
     * @param <K> key type
     * @param <V> value type, without its timestamp
     * @return the store, or {@code null} if the topology has no timestamped window store of that name
     * @throws IllegalStateException if the driver is closed
     */
    @SuppressWarnings("unchecked")
    public <K, V> WindowStore<K, ValueAndTimestamp<V>> getTimestampedWindowStore(String name) {
        checkOpen();
        StateStore store = task.store(name);
        return store instanceof TimestampedWindowStore<?, ?> timestamped ? (TimestampedWindowStore<K, V>) timestamped : null;
    }

    /**
     * Returns a session store, typed, to read or pre-populate before piping input: the store the topology
     * uses, with all its layers.
     *
     * @param name the store name
     * @param <K> key type
     * @param <V> aggregate type
     * @return the store, or {@code null} if the topology has no session store of that name
     * @throws IllegalStateException if the driver is closed
     */
    @SuppressWarnings("unchecked")
    public <K, V> SessionStore<K, V> getSessionStore(String name) {
        checkOpen();
        StateStore store = task.store(name);
        return store instanceof SessionStore<?, ?> session ? (SessionStore<K, V>) session : null;
    }

    /**
     * The driver's metrics, as Kafka Streams' test driver names them. There is one so far: the task's
     * {@code dropped-records-total} (group {@code stream-task-metrics}, tags {@code thread-id} = the
     * thread that created the driver and {@code task-id} = {@code 0_0}): records dropped for an invalid
     * timestamp, a missing key, or lateness (counted once per window missed).
     *
     * @return the metrics by name; values are read when asked
     * @throws IllegalStateException if the driver is closed
     */
    public Map<MetricName, Metric> metrics() {
        checkOpen();
        MetricName dropped = new MetricName("dropped-records-total", "stream-task-metrics",
            "The total number of dropped records", Map.of("thread-id", threadName, "task-id", task.id().toString()));
        Metric metric = new Metric() {
            @Override
            public MetricName metricName() {
                return dropped;
            }

            @Override
            public Object metricValue() {
                return (double) task.droppedRecords();
            }
        };
        return Map.of(dropped, metric);
    }

    /** @return every store of the topology, by name */
    public Map<String, StateStore> getAllStateStores() {
        checkOpen();
        return task.stores();
    }

    /**
     * Stops the topology: closes processors and stores, then the resources the stores shared, and
     * deletes the state directory.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            task.close();
        } finally {
            try {
                // After the task: the stores may still use the shared resources while closing.
                applicationResources.close();
            } finally {
                deleteStateDir();
            }
        }
    }

    void pipeRaw(String topic, byte[] key, byte[] value, Headers headers, long timestamp) {
        checkOpen();
        if (!task.reads(topic)) {
            throw new IllegalArgumentException("Unknown topic: '" + topic + "' is not read by the topology. Topics it reads: "
                + externalSourceTopics() + patternsNote());
        }
        enqueue(topic, key, value, headers, timestamp);
        processQueued();
    }

    private Set<String> externalSourceTopics() {
        Set<String> topics = new TreeSet<>(model.sourceTopics());
        topics.removeAll(model.internalTopics().keySet());
        return topics;
    }

    private String patternsNote() {
        StringBuilder sb = new StringBuilder();
        model.nodes().forEach(n -> {
            if (n instanceof dev.rill.streams.internal.topology.NodeSpec.SourceSpec s && s.pattern() != null) {
                sb.append(sb.length() == 0 ? ", and topics matching " : ", ").append('/').append(s.pattern().pattern()).append('/');
            }
        });
        return sb.toString();
    }

    private void enqueue(String topic, byte[] key, byte[] value, Headers headers, long timestamp) {
        long offset = nextOffsets.computeIfAbsent(topic, t -> new long[1])[0]++;
        queued.add(new PartitionQueues.QueuedRecord(topic, 0, offset, timestamp, key, value, headers));
    }

    /**
     * Processes queued records one at a time, the smallest head timestamp first, as the engine's task
     * does. After each: due stream-time punctuations, a commit, and filing what was written; records
     * written to a topic the topology reads join the queues.
     */
    private void processQueued() {
        fileCaptured();
        PartitionQueues.QueuedRecord r;
        while ((r = queued.poll()) != null) {
            task.process(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), r.headers());
            task.punctuateStreamTime();
            task.commit();
            if (++recordsSinceStoreFlush == RECORDS_PER_STORE_FLUSH) {
                recordsSinceStoreFlush = 0;
                task.flushStores();
            }
            fileCaptured();
        }
    }

    /**
     * Files what the task wrote since the last call. It runs after processing and also before output is
     * read, so the changelog records of store writes made by the test itself are visible at once.
     */
    private void fileCaptured() {
        for (OutputRecord r : captured) {
            outputs.computeIfAbsent(r.topic, t -> new ArrayDeque<>()).add(r);
            if (task.reads(r.topic)) {
                enqueue(r.topic, r.key, r.value, new RecordHeaders(r.headers), r.timestamp);
            }
        }
        captured.clear();
    }

    <K, V> TestRecord<K, V> readRecord(String topic, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        fileCaptured();
        ArrayDeque<OutputRecord> queue = outputs.get(topic);
        if (queue == null || queue.isEmpty()) {
            throw new NoSuchElementException("Empty topic: " + topic);
        }
        return toTestRecord(topic, queue.poll(), keyDeserializer, valueDeserializer);
    }

    /** Reads every unread record of a topic, in order: what reading them one by one would give, in one pass. */
    <K, V> List<TestRecord<K, V>> readRecords(String topic, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        fileCaptured();
        ArrayDeque<OutputRecord> queue = outputs.get(topic);
        if (queue == null) {
            return new ArrayList<>();
        }
        List<TestRecord<K, V>> records = new ArrayList<>(queue.size());
        OutputRecord r;
        while ((r = queue.poll()) != null) {
            records.add(toTestRecord(topic, r, keyDeserializer, valueDeserializer));
        }
        return records;
    }

    private static <K, V> TestRecord<K, V> toTestRecord(String topic, OutputRecord r, Deserializer<K> keyDeserializer,
                                                       Deserializer<V> valueDeserializer) {
        K key = keyDeserializer.deserialize(topic, r.headers, r.key);
        V value = valueDeserializer.deserialize(topic, r.headers, r.value);
        return new TestRecord<>(key, value, r.headers, Instant.ofEpochMilli(r.timestamp));
    }

    long queueSize(String topic) {
        fileCaptured();
        ArrayDeque<OutputRecord> queue = outputs.get(topic);
        return queue == null ? 0 : queue.size();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this TopologyTestDriver is closed");
        }
    }

    private void deleteStateDir() {
        try (Stream<Path> paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the driver's state directory " + stateDir, e);
        }
    }

    private record OutputRecord(String topic, byte[] key, byte[] value, Headers headers, long timestamp) {
    }

    /** Keeps sink output per topic, and queues what the topology reads back for processing. */
    private final class DriverCollector implements RecordCollector {
        @Override
        public int partitionCount(String topic) {
            return 1;
        }

        @Override
        public void send(String topic, int partition, byte[] key, byte[] value, Headers headers, long timestamp) {
            captured.add(new OutputRecord(topic, key, value, headers, timestamp));
        }
    }
}
