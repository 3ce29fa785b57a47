package dev.rill.streams.state.internal;

import dev.rill.annotation.Internal;

/**
 * A store whose entries expire by stream time (window and session stores, and each of their layers), as
 * seen by the DSL operators that report dropped records.
 */
@Internal
public interface ExpiringStore {

    /**
     * @return how many puts this store dropped since it was opened because their window or session had
     *     already expired (at or before {@code observedStreamTime - retentionPeriod})
     */
    long droppedExpiredRecords();

    /** @return the largest window start or session end this store has seen put or restored, or -1 before any */
    long observedStreamTime();
}
