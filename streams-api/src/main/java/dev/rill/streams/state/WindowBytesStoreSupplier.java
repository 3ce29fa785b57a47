package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.common.utils.Bytes;

/**
 * Supplies window stores over serialized keys and values; see {@code Stores.persistentWindowStore} and
 * {@code Stores.inMemoryWindowStore}.
 */
@Stable
public interface WindowBytesStoreSupplier extends StoreSupplier<WindowStore<Bytes, byte[]>> {

    /**
     * @return the length of one time segment in milliseconds: windows whose start falls in the same
     *     segment are stored, and expire, together
     */
    long segmentIntervalMs();

    /** @return the size of the windows stored, in milliseconds */
    long windowSize();

    /**
     * @return whether every put is kept, even several for the same key and window start (as stream-stream
     *     joins need), instead of overwriting
     */
    boolean retainDuplicates();

    /**
     * @return how long a window is kept, in milliseconds: a window whose start is at or before
     *     {@code observedStreamTime - retentionPeriod} has expired
     */
    long retentionPeriod();
}
