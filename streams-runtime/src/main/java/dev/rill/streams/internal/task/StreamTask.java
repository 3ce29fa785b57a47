package dev.rill.streams.internal.task;

import dev.rill.annotation.Internal;
import dev.rill.clients.consumer.ConsumerRecord;
import dev.rill.common.header.Headers;
import dev.rill.common.record.TimestampType;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.internal.topology.NodeSpec;
import dev.rill.streams.internal.topology.NodeSpec.ProcessorSpec;
import dev.rill.streams.internal.topology.NodeSpec.SinkSpec;
import dev.rill.streams.internal.topology.NodeSpec.SourceSpec;
import dev.rill.streams.internal.topology.TopologyModel;
import dev.rill.streams.processor.Cancellable;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.Punctuator;
import dev.rill.streams.processor.RecordContext;
import dev.rill.streams.processor.StateRestoreCallback;
import dev.rill.streams.kstream.internal.DslStoreBuilder;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.StoreBuilder;
import dev.rill.streams.state.internal.DslStores;
import dev.rill.streams.processor.TaskId;
import dev.rill.streams.processor.api.Record;
import dev.rill.streams.processor.api.RecordMetadata;
import dev.rill.streams.state.internal.ApplicationResources;
import dev.rill.streams.state.internal.StoreCache;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a set of topology nodes over input records: deserializes each record at its source, pushes it
 * depth-first through the processors, hands sink output to a {@link RecordCollector}, keeps stream time,
 * runs punctuations and owns the stores of its processors. The test driver runs the whole topology as
 * one task; the engine runs one task per sub-topology and input partition. Both use this class, so a
 * topology behaves the same in a unit test and in production.
 *
 * <p>Single-threaded: every method must be called from the thread that owns the task.
 */
@Internal
public final class StreamTask {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTask.class);
    private static final long NO_TIMESTAMP = Long.MIN_VALUE;

    final TaskId id;
    final StreamsConfig config;
    final RecordCollector collector;
    final LongSupplier wallClock;
    final File stateDir;
    final ApplicationResources applicationResources;
    final StoreCache cache;
    private final TopologyModel model;
    private final Map<String, TaskNode> nodes = new LinkedHashMap<>();
    private final Map<String, StateStore> stores = new LinkedHashMap<>();
    private final PunctuationQueue streamTimePunctuations = new PunctuationQueue(PunctuationType.STREAM_TIME);
    private final PunctuationQueue wallClockPunctuations = new PunctuationQueue(PunctuationType.WALL_CLOCK_TIME);
    // Partition time per topic, indexed by partition; -1 before a partition's first record. Arrays, so
    // that the per-record update builds no key and boxes no timestamp.
    private final Map<String, long[]> partitionTimes = new HashMap<>();
    // The source reading each topic name seen so far (null: none), so that routing a record costs one
    // lookup; the topology does not change while the task runs.
    private final Map<String, SourceTaskNode> sourcesByTopic = new HashMap<>();
    // "<application.id>-", the prefix of internal topics in the log.
    private final String internalTopicPrefix;
    private long streamTime = -1L;
    private long droppedRecords;
    private boolean commitRequested;
    private InputPosition input;
    // The timestamp of the record being processed, for changelog records; NO_TIMESTAMP outside of
    // processing and punctuations (see currentRecordTimestamp()).
    private long currentTimestamp = NO_TIMESTAMP;
    private boolean closed;
    private TaskStoreContext storeContext;

    /**
     * Builds the task's nodes and stores; call {@link #initialize()} before processing.
     *
     * @param id the task id
     * @param model the topology
     * @param nodeSpecs the nodes this task runs (one sub-topology, or all of them)
     * @param config the application configuration
     * @param collector receives sink output
     * @param wallClock the wall clock in epoch milliseconds
     * @param stateDir this task's state directory
     * @param applicationResources objects shared by every store of the application; the caller owns
     *     them and closes them after the task
     */
    public StreamTask(TaskId id, TopologyModel model, Collection<NodeSpec> nodeSpecs, StreamsConfig config,
                      RecordCollector collector, LongSupplier wallClock, File stateDir,
                      ApplicationResources applicationResources) {
        this.id = id;
        this.applicationResources = applicationResources;
        this.cache = new StoreCache(config.stateStoreCacheMaxBytes());
        this.model = model;
        this.config = config;
        this.collector = collector;
        this.wallClock = wallClock;
        this.stateDir = stateDir;
        this.internalTopicPrefix = config.applicationId() + "-";
        DslStores dslStores = new DslStores(config.defaultDslStore());
        // With no cache budget there is no cache layer at all, as in Kafka Streams: a zero-sized cache
        // would still change what is forwarded (it skips deletions of absent keys).
        boolean cachingAllowed = config.stateStoreCacheMaxBytes() > 0;
        for (NodeSpec spec : nodeSpecs) {
            TaskNode node;
            if (spec instanceof SourceSpec source) {
                node = new SourceTaskNode(source);
            } else if (spec instanceof SinkSpec sink) {
                node = new SinkTaskNode(sink);
            } else {
                node = new ProcessorTaskNode((ProcessorSpec) spec, model.storesOf(spec.name()));
            }
            nodes.put(spec.name(), node);
        }
        for (NodeSpec spec : nodeSpecs) {
            for (String child : model.children(spec.name())) {
                TaskNode childNode = nodes.get(child);
                if (childNode != null) {
                    nodes.get(spec.name()).children.add(childNode);
                }
            }
            for (String storeName : model.storesOf(spec.name())) {
                stores.computeIfAbsent(storeName, n -> buildStore(model.stores().get(n), dslStores, cachingAllowed));
            }
        }
    }

    /** DSL operators leave the choice of store implementation to the application's configuration. */
    private static StateStore buildStore(StoreBuilder<?> builder, DslStores dslStores, boolean cachingAllowed) {
        StoreBuilder<?> concrete = builder instanceof DslStoreBuilder dsl ? dslStores.builderFor(dsl.spec()) : builder;
        if (!cachingAllowed) {
            concrete.withCachingDisabled();
        }
        return concrete.build();
    }

    /** Opens the stores, then initializes every node, sources first. */
    public void initialize() {
        storeContext = new TaskStoreContext(this);
        for (StateStore store : stores.values()) {
            try {
                store.init(storeContext, store);
            } catch (RuntimeException e) {
                throw new StreamsException("state store '" + store.name() + "' of task " + id + " failed to open: " + e.getMessage(), e);
            }
        }
        for (TaskNode node : nodes.values()) {
            node.init(this);
        }
    }

    /**
     * @param topic a topic name as it appears in the log (internal topics with the application id)
     * @return whether a source of this task reads it
     */
    public boolean reads(String topic) {
        return sourceFor(topic) != null;
    }

    private SourceTaskNode sourceFor(String topic) {
        SourceTaskNode source = sourcesByTopic.get(topic);
        if (source == null && !sourcesByTopic.containsKey(topic)) {
            source = findSource(topic);
            sourcesByTopic.put(topic, source);
        }
        return source;
    }

    private SourceTaskNode findSource(String topic) {
        if (model.internalTopics().containsKey(topic)) {
            // Internal topics exist in the log only under their prefixed name.
            return null;
        }
        String logical = logicalTopic(topic);
        Optional<SourceSpec> spec = model.sourceFor(logical);
        return spec.map(s -> (SourceTaskNode) nodes.get(s.name())).orElse(null);
    }

    /**
     * Processes one input record through the topology.
     *
     * @param topic the topic it was read from (full name)
     * @param partition its partition
     * @param offset its offset
     * @param timestamp its timestamp in epoch milliseconds
     * @param key the serialized key
     * @param value the serialized value
     * @param headers its headers
     * @return whether the record was processed (false if its timestamp was invalid and it was dropped)
     * @throws StreamsException if no source reads the topic, a record cannot be deserialized, or a
     *     processor fails; the message names the node and the record's position
     */
    public boolean process(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, Headers headers) {
        checkOpen();
        SourceTaskNode source = sourceFor(topic);
        if (source == null) {
            throw new StreamsException("task " + id + " has no source for topic '" + topic + "'");
        }
        input = new InputPosition(topic, partition, offset);
        try {
            Object k = deserialize(source, true, topic, partition, offset, headers, key);
            Object v = deserialize(source, false, topic, partition, offset, headers, value);
            long[] times = partitionTimesOf(topic, partition);
            long partitionTime = times[partition];
            ConsumerRecord<Object, Object> consumerRecord = new ConsumerRecord<>(topic, partition, offset, timestamp,
                TimestampType.CREATE_TIME, k, v, headers);
            long ts = extractTimestamp(source, consumerRecord, partitionTime);
            if (ts < 0) {
                droppedRecords++;
                LOG.warn("Dropping the record at topic '{}' partition {} offset {}: the timestamp extractor {} returned the invalid timestamp {}",
                    topic, partition, offset, source.extractor.getClass().getName(), ts);
                return false;
            }
            times[partition] = Math.max(partitionTime, ts);
            if (!model.isGlobalTopic(topic)) {
                // A global table's topic only brings its store up to date; it is not part of the task's input.
                streamTime = Math.max(streamTime, ts);
            }
            dispatch(source, new Record<>(k, v, ts, headers));
            return true;
        } finally {
            input = null;
        }
    }

    /** @return the partition times of the topic, holding an entry for {@code partition} */
    private long[] partitionTimesOf(String topic, int partition) {
        long[] times = partitionTimes.get(topic);
        if (times == null || times.length <= partition) {
            long[] grown = new long[partition + 1];
            Arrays.fill(grown, -1L);
            if (times != null) {
                System.arraycopy(times, 0, grown, 0, times.length);
            }
            partitionTimes.put(topic, grown);
            times = grown;
        }
        return times;
    }

    private Object deserialize(SourceTaskNode source, boolean isKey, String topic, int partition, long offset, Headers headers, byte[] data) {
        var deserializer = isKey ? source.keyDeserializer : source.valueDeserializer;
        try {
            return deserializer.deserialize(topic, headers, data);
        } catch (RuntimeException e) {
            throw new StreamsException("source '" + source.name + "' cannot deserialize the " + (isKey ? "key" : "value")
                + " of the record at topic '" + topic + "' partition " + partition + " offset " + offset + " with "
                + deserializer.getClass().getName() + ": " + e.getMessage()
                + ". Check the serdes given to Consumed.with(...) or the default serdes", e);
        }
    }

    private long extractTimestamp(SourceTaskNode source, ConsumerRecord<Object, Object> record, long partitionTime) {
        try {
            return source.extractor.extract(record, partitionTime);
        } catch (StreamsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StreamsException("the timestamp extractor " + source.extractor.getClass().getName() + " of source '"
                + source.name + "' failed on the record at topic '" + record.topic() + "' partition " + record.partition()
                + " offset " + record.offset() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hands a record to a node, naming the node and the input record if anything below fails. The failure
     * is wrapped once, at the node where it happened.
     */
    void dispatch(TaskNode node, Record<Object, Object> record) {
        // A node may forward with a new timestamp; store writes below it carry that one, and the
        // caller's timestamp holds again once the forward returns.
        long previousTimestamp = currentTimestamp;
        currentTimestamp = record.timestamp();
        try {
            node.process(record);
        } catch (ProcessingFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProcessingFailure(node.name + " failed " + where() + ": " + e.getMessage(), e);
        } finally {
            currentTimestamp = previousTimestamp;
        }
    }

    /**
     * The timestamp that store writes are logged with: the record being processed, the stream time inside
     * a punctuation, and otherwise (a test writing to a store between records) the stream time, or 0
     * before the first record.
     *
     * @return epoch milliseconds
     */
    long currentRecordTimestamp() {
        return currentTimestamp != NO_TIMESTAMP ? currentTimestamp : Math.max(streamTime, 0L);
    }

    /** Runs a store write with the timestamp of the (earlier) record that made it; see StoreTaskContext. */
    void withRecordTimestamp(long timestamp, Runnable write) {
        long saved = currentTimestamp;
        currentTimestamp = timestamp;
        try {
            write.run();
        } finally {
            currentTimestamp = saved;
        }
    }

    private String where() {
        InputPosition pos = input;
        return pos == null ? "in a punctuation of task " + id + " at stream time " + streamTime
            : "on the record from topic '" + pos.topic + "' partition " + pos.partition + " offset " + pos.offset + " (task " + id + ")";
    }

    StreamsException failure(String message, RuntimeException cause) {
        return new StreamsException(message + " in task " + id + ": " + cause.getMessage(), cause);
    }

    /**
     * Runs the stream-time punctuations that are due.
     *
     * @return whether any ran
     */
    public boolean punctuateStreamTime() {
        checkOpen();
        return streamTime >= 0 && streamTimePunctuations.punctuateDue(streamTime, this::punctuate);
    }

    /**
     * Runs the wall-clock punctuations that are due.
     *
     * @return whether any ran
     */
    public boolean punctuateWallClock() {
        checkOpen();
        return wallClockPunctuations.punctuateDue(wallClock.getAsLong(), this::punctuate);
    }

    private void punctuate(PunctuationSchedule schedule, long now) {
        long previousTimestamp = currentTimestamp;
        // There is no record in a punctuation: its store writes are logged at stream time.
        currentTimestamp = Math.max(streamTime, 0L);
        try {
            schedule.punctuator.punctuate(now);
        } catch (ProcessingFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProcessingFailure("the " + schedule.type + " punctuator of processor '" + schedule.node.name
                + "' failed at " + now + " (task " + id + "): " + e.getMessage(), e);
        } finally {
            currentTimestamp = previousTimestamp;
        }
    }

    Cancellable schedule(ProcessorTaskNode node, PunctuationType type, long interval, Punctuator punctuator) {
        if (type == PunctuationType.STREAM_TIME) {
            // Aligned to multiples of the interval from 0: fires with the first record, then on the grid.
            PunctuationSchedule s = new PunctuationSchedule(node, type, 0L, interval, punctuator);
            streamTimePunctuations.add(s);
            return s;
        }
        PunctuationSchedule s = new PunctuationSchedule(node, type, wallClock.getAsLong() + interval, interval, punctuator);
        wallClockPunctuations.add(s);
        return s;
    }

    /**
     * Does what every commit must: in store order, writes out what the caches of persistent stores hold
     * (forwarding it downstream) and flushes every other store, which is cheap for in-memory stores and
     * makes suppression buffers log their changes. The persistent stores themselves are flushed by
     * {@link #flushStores()}, less often: their changelogs already hold every change, so a store that is
     * behind after a crash catches up from the changelog tail.
     */
    public void commit() {
        checkOpen();
        for (StateStore store : stores.values()) {
            if (store.persistent()) {
                cache.flushIfRegistered(store.name());
            } else {
                store.flush();
            }
        }
        commitRequested = false;
    }

    /**
     * Flushes every store, caches first: afterwards the persistent stores hold every change made so far
     * (durable against a crash of the process), so that a checkpoint of their changelog offsets may be
     * written.
     */
    public void flushStores() {
        checkOpen();
        for (StateStore store : stores.values()) {
            store.flush();
        }
    }

    void requestCommit() {
        commitRequested = true;
    }

    /** @return whether a processor asked for a commit since the last one */
    public boolean commitRequested() {
        return commitRequested;
    }

    /** @return the task's stream time, or -1 before the first record */
    public long streamTime() {
        return streamTime;
    }

    /** Counts a record an operator dropped. */
    void recordDroppedRecord() {
        droppedRecords++;
    }

    /**
     * @return how many records this task dropped: invalid timestamps, null keys where a key is needed,
     *     late records (once per window missed)
     */
    public long droppedRecords() {
        return droppedRecords;
    }

    /** @return the task id */
    public TaskId id() {
        return id;
    }

    /**
     * @param name a store name
     * @return the store, or {@code null} if this task has none of that name
     */
    public StateStore store(String name) {
        return stores.get(name);
    }

    /**
     * @return the restore callback each store registered when it opened, by store name; empty before
     *     {@link #initialize()}
     */
    public Map<String, StateRestoreCallback> restoreCallbacks() {
        return storeContext == null ? Map.of() : storeContext.restoreCallbacks();
    }

    /**
     * @param storeName a store of this task
     * @return whether the store writes a changelog
     */
    public boolean storeLogsChanges(String storeName) {
        StoreBuilder<?> builder = model.stores().get(storeName);
        return builder != null && builder.loggingEnabled();
    }

    /**
     * @param name a store name
     * @return whether it is a global store, which every processor may read
     */
    public boolean isGlobalStore(String name) {
        return model.isGlobalStore(name);
    }

    /** @return the task's stores, by name */
    public Map<String, StateStore> stores() {
        return Collections.unmodifiableMap(stores);
    }

    Optional<RecordMetadata> inputMetadata() {
        return Optional.ofNullable(input);
    }

    RecordContext recordContextFor(Record<Object, Object> record) {
        InputPosition pos = input;
        return new RecordContext() {
            @Override
            public String topic() {
                return pos == null ? null : pos.topic;
            }

            @Override
            public int partition() {
                return pos == null ? -1 : pos.partition;
            }

            @Override
            public long offset() {
                return pos == null ? -1L : pos.offset;
            }

            @Override
            public long timestamp() {
                return record.timestamp();
            }

            @Override
            public Headers headers() {
                return record.headers();
            }
        };
    }

    /**
     * @param topic a topic name as used in the topology
     * @return the name in the log: internal topics get the application id as prefix
     */
    public String resolveTopic(String topic) {
        return model.internalTopics().containsKey(topic) ? internalTopicPrefix + topic : topic;
    }

    /**
     * The configured default serde for a node that has none of its own.
     *
     * @param isKey key or value
     * @param node what needs it, for the error message (e.g. "source 'x' (topics [a])")
     * @param remedy the operator option that would give it one (e.g. "Consumed.with(keySerde, valueSerde)")
     * @throws StreamsException if no default is configured
     */
    Serde<?> requireDefaultSerde(boolean isKey, String node, String remedy) {
        Serde<?> serde = defaultSerdeOrNull(isKey);
        if (serde == null) {
            throw new StreamsException(node + " has no " + (isKey ? "key" : "value") + " serde and no default is configured: pass serdes with "
                + remedy + ", or set '" + (isKey ? StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG : StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG) + "'");
        }
        return serde;
    }

    /** @return the configured default key or value serde, or {@code null} if there is none */
    Serde<?> defaultSerdeOrNull(boolean isKey) {
        if (isKey) {
            return config.hasDefaultKeySerde() ? config.defaultKeySerde() : null;
        }
        return config.hasDefaultValueSerde() ? config.defaultValueSerde() : null;
    }

    boolean writesInternalTopic(String topic) {
        return topic != null && model.internalTopics().containsKey(topic);
    }

    private String logicalTopic(String topic) {
        String prefix = internalTopicPrefix;
        if (topic.startsWith(prefix) && model.internalTopics().containsKey(topic.substring(prefix.length()))) {
            return topic.substring(prefix.length());
        }
        return topic;
    }

    /** Closes processors, then stores. Safe to call twice. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<RuntimeException> failures = new ArrayList<>();
        for (TaskNode node : nodes.values()) {
            try {
                node.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        for (StateStore store : stores.values()) {
            try {
                store.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            StreamsException e = new StreamsException("closing task " + id + " failed: " + failures.get(0).getMessage(), failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("task " + id + " is closed");
        }
    }

    /** @return the names of every state store this task owns */
    public Set<String> storeNames() {
        return Collections.unmodifiableSet(stores.keySet());
    }

    private record InputPosition(String topic, int partition, long offset) implements RecordMetadata {
    }

    /** A processing failure already wrapped with the node and record position. */
    static final class ProcessingFailure extends StreamsException {
        ProcessingFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
