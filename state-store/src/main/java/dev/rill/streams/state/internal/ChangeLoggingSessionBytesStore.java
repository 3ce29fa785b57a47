package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.kstream.Windowed;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.SessionStore;
import java.util.Objects;

/**
 * The changelog layer of a session store: every put and remove the store below accepts is logged through
 * {@link StoreTaskContext#logChange} with key {@code [key][session end: 8][session start: 8]} (the store
 * key of {@link StoreKeySchema#SESSION}) and the aggregate as given ({@code null} for a removal). A put the
 * store drops because the session has expired is not logged.
 */
final class ChangeLoggingSessionBytesStore extends WrappedSessionBytesStore {
    private StoreTaskContext taskContext;

    ChangeLoggingSessionBytesStore(SessionStore<Bytes, byte[]> inner) {
        super(inner);
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
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        Objects.requireNonNull(sessionKey, () -> "sessionKey must not be null (state store '" + name() + "')");
        long droppedBefore = droppedExpiredRecords();
        inner.put(sessionKey, aggregate);
        log(sessionKey, aggregate, droppedBefore);
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        Objects.requireNonNull(sessionKey, () -> "sessionKey must not be null (state store '" + name() + "')");
        long droppedBefore = droppedExpiredRecords();
        inner.remove(sessionKey);
        log(sessionKey, null, droppedBefore);
    }

    private void log(Windowed<Bytes> sessionKey, byte[] aggregate, long droppedBefore) {
        if (droppedExpiredRecords() == droppedBefore) {
            taskContext.logChange(name(), SegmentedSessionStore.storeKey(sessionKey), aggregate);
        }
    }
}
