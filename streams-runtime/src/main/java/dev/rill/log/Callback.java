package dev.rill.log;

import dev.rill.annotation.Evolving;

/** Told when a record given to {@link Producer#send(ProducerRecord, Callback)} is stored or has failed. */
@Evolving
@FunctionalInterface
public interface Callback {
    /**
     * Runs on the producer's sender thread (or the thread that flushed); keep it short.
     *
     * @param metadata where the record was stored, or {@code null} if it failed
     * @param exception why it failed, or {@code null} if it was stored
     */
    void onCompletion(RecordMetadata metadata, Exception exception);
}
