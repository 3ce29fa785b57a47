package dev.rill.log;

import dev.rill.log.internal.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Records waiting to be appended to one partition as one batch, with what to tell their senders. */
final class ProducerBatch {
    final TopicPartition partition;
    final long createdAtNanos;
    final List<LogRecord> records = new ArrayList<>();
    final List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
    final List<Callback> callbacks = new ArrayList<>();
    private int[] keySizes = new int[16];
    private int[] valueSizes = new int[16];
    long bytes;

    ProducerBatch(TopicPartition partition, long createdAtNanos) {
        this.partition = partition;
        this.createdAtNanos = createdAtNanos;
    }

    void add(LogRecord record, int keySize, int valueSize, long size, CompletableFuture<RecordMetadata> future,
             Callback callback) {
        records.add(record);
        futures.add(future);
        callbacks.add(callback);
        int i = records.size() - 1;
        if (i == keySizes.length) {
            keySizes = java.util.Arrays.copyOf(keySizes, i * 2);
            valueSizes = java.util.Arrays.copyOf(valueSizes, i * 2);
        }
        keySizes[i] = keySize;
        valueSizes[i] = valueSize;
        bytes += size;
    }

    void complete(int index, long offset, long timestamp) {
        RecordMetadata m = new RecordMetadata(partition.topic(), partition.partition(), offset, timestamp,
            keySizes[index], valueSizes[index]);
        futures.get(index).complete(m);
        Callback cb = callbacks.get(index);
        if (cb != null) {
            cb.onCompletion(m, null);
        }
    }

    void fail(int index, Exception e) {
        futures.get(index).completeExceptionally(e);
        Callback cb = callbacks.get(index);
        if (cb != null) {
            cb.onCompletion(null, e);
        }
    }

    void failAll(Exception e) {
        for (int i = 0; i < records.size(); i++) {
            fail(i, e);
        }
    }
}
