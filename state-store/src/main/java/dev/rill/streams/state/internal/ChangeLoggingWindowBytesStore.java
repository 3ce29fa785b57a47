package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.WindowStore;
import java.util.Objects;

/**
 * The changelog layer of a window store: every put the store below accepts is logged through
 * {@link StoreTaskContext#logChange} with key {@code [key][window start: 8][sequence number: 4]} (the
 * store key of {@link StoreKeySchema#WINDOW}, so restoring writes it back as is) and the value as given
 * ({@code null} for a deletion). A put the store drops because its window has expired is not logged. The
 * sequence number follows the store's own: 0, or with {@code retainDuplicates} one more per non-null put.
 */
final class ChangeLoggingWindowBytesStore extends WrappedWindowBytesStore {
    private final boolean retainDuplicates;
    private final boolean timestampedValues;
    private StoreTaskContext taskContext;
    private int seqnum;

    /**
     * @param inner the store the changes are applied to
     * @param retainDuplicates whether every put is kept under its own sequence number
     * @param timestampedValues whether values start with an 8-byte timestamp: such a value is logged as
     *     the plain value with its timestamp as the changelog record's timestamp, the layout of Kafka
     *     Streams' changelogs of timestamped window stores
     */
    ChangeLoggingWindowBytesStore(WindowStore<Bytes, byte[]> inner, boolean retainDuplicates, boolean timestampedValues) {
        super(inner);
        this.retainDuplicates = retainDuplicates;
        this.timestampedValues = timestampedValues;
    }

    /**
     * @throws IllegalStateException if the context cannot write a changelog
     */
    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (!(context instanceof StoreTaskContext stc)) {
            throw new IllegalStateException("state store '" + name() + "': logging is enabled but the store's context"
                + " cannot write a changelog; disable logging with withLoggingDisabled()");
        }
        taskContext = stc;
        super.init(context, root);
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
        Objects.requireNonNull(key, () -> "key must not be null (state store '" + name() + "')");
        long droppedBefore = droppedExpiredRecords();
        inner.put(key, value, windowStartTimestamp);
        if (retainDuplicates) {
            if (value == null) {
                return;
            }
            seqnum = (seqnum + 1) & Integer.MAX_VALUE;
        }
        if (droppedExpiredRecords() == droppedBefore) {
            Bytes storeKey = StoreKeySchema.WINDOW.toStoreKey(key.get(), windowStartTimestamp, retainDuplicates ? seqnum : 0);
            if (timestampedValues && value != null) {
                byte[] plain = ValueAndTimestampSerde.plainValueOf(value);
                taskContext.withRecordTimestamp(ValueAndTimestampSerde.timestampOf(value), () -> taskContext.logChange(name(), storeKey, plain));
            } else {
                taskContext.logChange(name(), storeKey, value);
            }
        }
    }
}
