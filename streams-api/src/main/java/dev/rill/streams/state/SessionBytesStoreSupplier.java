package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.common.utils.Bytes;

/**
 * Supplies session stores over serialized keys and aggregates; see {@code Stores.persistentSessionStore}
 * and {@code Stores.inMemorySessionStore}.
 */
@Stable
public interface SessionBytesStoreSupplier extends StoreSupplier<SessionStore<Bytes, byte[]>> {

    /**
     * @return the length of one time segment in milliseconds: sessions whose end falls in the same segment
     *     are stored, and expire, together
     */
    long segmentIntervalMs();

    /**
     * @return how long a session is kept, in milliseconds: a session whose end is at or before
     *     {@code observedStreamTime - retentionPeriod} has expired
     */
    long retentionPeriod();
}
