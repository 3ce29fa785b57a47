package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.state.KeyValueIterator;
import java.util.Comparator;
import java.util.function.Predicate;

/**
 * The bytes beneath a window or session store: values by store key ({@link StoreKeySchema}), kept by
 * segment time (window start or session end) and expired by stream time. The observed stream time is the
 * largest segment time put (or restored) so far; an entry whose segment time is at or before
 * {@code observedStreamTime - retentionPeriod} has expired: a put of one is dropped and counted, and no
 * read returns one.
 */
interface SegmentedBytesStore extends StateStore, ExpiringStore {

    /** @return the layout of the store keys */
    StoreKeySchema schema();

    /** @return how long entries are kept, in milliseconds of stream time */
    long retentionPeriod();

    /** @return the largest segment time put or restored so far, or -1 before the first */
    long observedStreamTime();

    /**
     * Puts or, for a {@code null} value, deletes an entry.
     *
     * @param storeKey the store key
     * @param value the value, or {@code null} to delete
     * @return {@code false} if the entry had expired and the put was dropped
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    boolean put(Bytes storeKey, byte[] value);

    /**
     * @param storeKey the store key
     * @return its value, or {@code null} if absent or expired
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    byte[] get(Bytes storeKey);

    /**
     * The live entries of record keys in {@code [keyFrom, keyTo]} with segment time in
     * {@code [timeFrom, timeTo]} that {@code filter} accepts, in {@link #order()} (or its reverse).
     *
     * @param keyFrom the lowest record key, or {@code null} for none
     * @param keyTo the highest record key, or {@code null} for none
     * @param timeFrom the earliest segment time, inclusive
     * @param timeTo the latest segment time, inclusive
     * @param filter a further condition on the store key
     * @param forward whether to iterate in {@link #order()} or its reverse
     * @return store keys and values; close after use
     * @throws dev.rill.streams.errors.InvalidStateStoreException if the store is closed
     */
    KeyValueIterator<Bytes, byte[]> fetch(byte[] keyFrom, byte[] keyTo, long timeFrom, long timeTo,
                                          Predicate<byte[]> filter, boolean forward);

    /** @return the order of {@link #fetch} over store keys */
    Comparator<Bytes> order();

    /**
     * @param streamTime the observed stream time
     * @param retention the retention period
     * @return the earliest segment time that has not expired
     */
    static long minLiveTime(long streamTime, long retention) {
        long min = streamTime - retention + 1;
        // Before the first put the stream time is -1: nothing has expired.
        return streamTime < 0 || min < 0 ? 0 : min;
    }

    /**
     * Whether a write at {@code time} goes to a segment that has expired. Writes expire by whole
     * segments while reads hide by exact time, as in Kafka Streams' segmented stores: a write just past
     * the retention still lands in a live segment (and its changelog), though reads no longer see it.
     * That matters for sessions, which an aggregation accepts up to exactly the retention.
     *
     * @param time the segment time of the write
     * @param streamTime the observed stream time, after the write
     * @param retention the retention period
     * @param segmentInterval the segment interval
     * @return whether the write is dropped
     */
    static boolean writeExpired(long time, long streamTime, long retention, long segmentInterval) {
        // Integer division truncates towards zero: a negative oldest live time still means segment 0.
        return time / segmentInterval < (streamTime - retention) / segmentInterval;
    }
}
