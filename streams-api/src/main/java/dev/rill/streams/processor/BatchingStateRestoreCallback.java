package dev.rill.streams.processor;

import dev.rill.annotation.Stable;
import dev.rill.streams.KeyValue;
import java.util.Collection;
import java.util.List;

/**
 * A {@link StateRestoreCallback} that takes changelog records a batch at a time, so that a store can
 * apply many records in one operation (one RocksDB write batch, say) instead of one write per record.
 * The runtime gives a store that registers one of these the records it reads from the changelog in
 * batches, in changelog order; a plain {@link StateRestoreCallback} gets them one by one.
 */
@Stable
public interface BatchingStateRestoreCallback extends StateRestoreCallback {

    /**
     * Applies a batch of changelog records. Records are applied in the order of the collection's
     * iterator, so that when a key appears more than once the last record wins. A store that can apply
     * the whole batch atomically should: a batch that fails may be restored again, or the store rebuilt
     * from scratch, and an all-or-nothing batch never leaves the store between two changelog positions.
     * Applying a batch twice must give the same content as applying it once.
     *
     * @param records the serialized keys and values, in changelog order; a {@code null} value is a
     *                deletion of its key. Neither the collection nor a record or key is {@code null}.
     *                The callback must not keep the collection after returning
     */
    void restoreAll(Collection<KeyValue<byte[], byte[]>> records);

    /**
     * Applies one changelog record, as a batch of one.
     *
     * @param key the serialized key
     * @param value the serialized value; {@code null} is a deletion
     */
    @Override
    default void restore(byte[] key, byte[] value) {
        restoreAll(List.of(KeyValue.pair(key, value)));
    }
}
