package dev.rill.log;

import dev.rill.log.internal.LogRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records waiting to be appended to one partition as one batch, with what to tell their senders. The
 * records' futures share the batch's completion: the sender thread fills in each record's offset (or
 * failure) and then releases the batch once, instead of completing a future per record.
 */
final class ProducerBatch {
    final TopicPartition partition;
    final long createdAtNanos;
    final List<LogRecord> records = new ArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private Callback[] callbacks;
    private int[] keySizes = new int[16];
    private int[] valueSizes = new int[16];
    private long[] offsets;
    private long[] timestamps;
    private Exception[] errors;
    long bytes;

    ProducerBatch(TopicPartition partition, long createdAtNanos) {
        this.partition = partition;
        this.createdAtNanos = createdAtNanos;
    }

    /** Adds a record. @return its future */
    Future<RecordMetadata> add(LogRecord record, int keySize, int valueSize, long size, Callback callback) {
        int i = records.size();
        records.add(record);
        if (i == keySizes.length) {
            keySizes = Arrays.copyOf(keySizes, i * 2);
            valueSizes = Arrays.copyOf(valueSizes, i * 2);
        }
        keySizes[i] = keySize;
        valueSizes[i] = valueSize;
        if (callback != null) {
            if (callbacks == null) {
                callbacks = new Callback[keySizes.length];
            } else if (callbacks.length <= i) {
                callbacks = Arrays.copyOf(callbacks, keySizes.length);
            }
            callbacks[i] = callback;
        }
        bytes += size;
        return new RecordFuture(this, i);
    }

    private void prepareResults() {
        if (offsets == null) {
            offsets = new long[records.size()];
            timestamps = new long[records.size()];
            errors = new Exception[records.size()];
        }
    }

    void complete(int index, long offset, long timestamp) {
        prepareResults();
        offsets[index] = offset;
        timestamps[index] = timestamp;
        Callback cb = callbacks == null || index >= callbacks.length ? null : callbacks[index];
        if (cb != null) {
            cb.onCompletion(metadata(index), null);
        }
    }

    void fail(int index, Exception e) {
        prepareResults();
        errors[index] = e;
        Callback cb = callbacks == null || index >= callbacks.length ? null : callbacks[index];
        if (cb != null) {
            cb.onCompletion(null, e);
        }
    }

    void failAll(Exception e) {
        for (int i = 0; i < records.size(); i++) {
            fail(i, e);
        }
        release();
    }

    /** Makes the results visible to the records' futures; called once every record is completed or failed. */
    void release() {
        done.countDown();
    }

    private RecordMetadata metadata(int index) {
        return new RecordMetadata(partition.topic(), partition.partition(), offsets[index], timestamps[index],
            keySizes[index], valueSizes[index]);
    }

    /** The future of one record: waits for its batch, then reads the record's own result. */
    private static final class RecordFuture implements Future<RecordMetadata> {
        private final ProducerBatch batch;
        private final int index;

        RecordFuture(ProducerBatch batch, int index) {
            this.batch = batch;
            this.index = index;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return batch.done.getCount() == 0;
        }

        @Override
        public RecordMetadata get() throws InterruptedException, ExecutionException {
            batch.done.await();
            return result();
        }

        @Override
        public RecordMetadata get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
            TimeoutException {
            if (!batch.done.await(timeout, unit)) {
                throw new TimeoutException("the record for " + batch.partition + " was not appended within "
                    + timeout + " " + unit);
            }
            return result();
        }

        private RecordMetadata result() throws ExecutionException {
            Exception e = batch.errors[index];
            if (e != null) {
                throw new ExecutionException(e.getMessage(), e);
            }
            return batch.metadata(index);
        }
    }
}
