package dev.rill.streams.processor.api;

import dev.rill.annotation.Stable;
import dev.rill.common.serialization.Serde;
import dev.rill.streams.processor.Cancellable;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.Punctuator;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.TaskId;
import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What every processor can ask of its task, whether or not it may change keys. A context belongs to one
 * processor in one task and must only be used from the thread that calls the processor.
 */
@Stable
public interface ProcessingContext {

    /** @return the application id */
    String applicationId();

    /** @return the task this processor runs in */
    TaskId taskId();

    /**
     * @return where the input record being processed came from; empty inside a punctuator, where there
     *     is no input record
     */
    Optional<RecordMetadata> recordMetadata();

    /** @return the default key serde, or {@code null} if none is configured */
    Serde<?> keySerde();

    /** @return the default value serde, or {@code null} if none is configured */
    Serde<?> valueSerde();

    /** @return the task's state directory */
    File stateDir();

    /**
     * Returns a store connected to this processor.
     *
     * @param name the store name
     * @param <S> the store type
     * @return the store
     * @throws dev.rill.streams.errors.StreamsException if no store of that name is connected to this
     *     processor (connect it with {@code Topology.connectProcessorAndStateStores} or name it in
     *     {@code KStream.process(supplier, storeNames...)})
     */
    <S extends StateStore> S getStateStore(String name);

    /**
     * Schedules a periodic callback. On {@link PunctuationType#STREAM_TIME} it first fires with the first
     * record the task processes and then each time stream time reaches the next multiple of
     * {@code interval}; on {@link PunctuationType#WALL_CLOCK_TIME} it first fires {@code interval} after
     * now. After a gap of several intervals it fires once, not once per missed interval.
     *
     * @param interval the period, at least 1 ms
     * @param type which clock drives it
     * @param callback what to run
     * @return a handle to cancel the schedule
     * @throws IllegalArgumentException if the interval is shorter than 1 ms
     */
    Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback);

    /** Asks the task to commit as soon as it can. */
    void commit();

    /** @return every application setting with its value: those the user gave and the defaults of the rest */
    Map<String, Object> appConfigs();

    /**
     * @param prefix a key prefix
     * @return the settings whose names start with {@code prefix}, with the prefix removed
     */
    Map<String, Object> appConfigsWithPrefix(String prefix);

    /** @return the task's wall-clock time in epoch milliseconds (mocked in the test driver) */
    long currentSystemTimeMs();

    /** @return the task's stream time in epoch milliseconds, or -1 before the first record */
    long currentStreamTimeMs();
}
