package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The binary keys of window and session stores: the serialized record key followed by a fixed-length,
 * big-endian suffix whose first 8 bytes are the time the store is segmented and expired by. These are
 * also the keys of the stores' changelog records.
 * <ul>
 *   <li>{@link #WINDOW}: {@code [key][window start: 8][sequence number: 4]}; the sequence number tells
 *       apart the puts of a store that retains duplicates, and is 0 otherwise;</li>
 *   <li>{@link #SESSION}: {@code [key][session end: 8][session start: 8]}.</li>
 * </ul>
 * Times are not negative, so their big-endian bytes sort as the numbers do.
 */
enum StoreKeySchema {
    WINDOW(12),
    SESSION(16);

    private final int suffixLength;

    StoreKeySchema(int suffixLength) {
        this.suffixLength = suffixLength;
    }

    /** @return the length of the fixed suffix after the record key */
    int suffixLength() {
        return suffixLength;
    }

    /** @return the record key of a store key */
    byte[] key(byte[] storeKey) {
        return Arrays.copyOf(storeKey, storeKey.length - suffixLength);
    }

    /** @return the segment time of a store key: the window start, or the session end */
    long time(byte[] storeKey) {
        return ByteBuffer.wrap(storeKey).getLong(storeKey.length - suffixLength);
    }

    /** @return the 8-byte or 4-byte number after the segment time: the sequence number or session start */
    long secondary(byte[] storeKey) {
        ByteBuffer buffer = ByteBuffer.wrap(storeKey);
        int at = storeKey.length - suffixLength + 8;
        return this == WINDOW ? buffer.getInt(at) : buffer.getLong(at);
    }

    /**
     * @param key the record key
     * @param time the segment time (window start or session end)
     * @param secondary the sequence number (window) or session start (session)
     * @return the store key
     */
    Bytes toStoreKey(byte[] key, long time, long secondary) {
        ByteBuffer buffer = ByteBuffer.allocate(key.length + suffixLength).put(key).putLong(time);
        if (this == WINDOW) {
            buffer.putInt((int) secondary);
        } else {
            buffer.putLong(secondary);
        }
        return Bytes.wrap(buffer.array());
    }

    /** @return whether the record key of {@code storeKey} lies in {@code [from, to]}, a null bound open */
    boolean keyInRange(byte[] storeKey, byte[] from, byte[] to) {
        int keyLength = storeKey.length - suffixLength;
        if (from != null && Arrays.compareUnsigned(storeKey, 0, keyLength, from, 0, from.length) < 0) {
            return false;
        }
        return to == null || Arrays.compareUnsigned(storeKey, 0, keyLength, to, 0, to.length) <= 0;
    }

    /**
     * The lowest store key a search for record keys from {@code keyFrom} can meet, in unsigned byte order:
     * for one key its own keys from {@code minSuffix} on; for a range the bare lower key, below every store
     * key of every key at or after it (a longer key that starts with {@code keyFrom} may sort before
     * {@code keyFrom + minSuffix}).
     *
     * @return the inclusive lower bound, or {@code null} for none
     */
    Bytes lowerBound(byte[] keyFrom, boolean singleKey, byte[] minSuffix) {
        if (keyFrom == null) {
            return null;
        }
        return Bytes.wrap(singleKey ? concat(keyFrom, keyFrom.length, minSuffix) : keyFrom.clone());
    }

    /**
     * The highest store key a search for record keys up to {@code keyTo} can meet: the largest of
     * {@code p + maxSuffix} over {@code keyTo} and those of its prefixes {@code p} that are in range,
     * since the store keys of a shorter key may sort after those of {@code keyTo}.
     *
     * @return the inclusive upper bound, or {@code null} for none
     */
    Bytes upperBound(byte[] keyFrom, byte[] keyTo, boolean singleKey, byte[] maxSuffix) {
        if (keyTo == null) {
            return null;
        }
        byte[] best = concat(keyTo, keyTo.length, maxSuffix);
        if (!singleKey) {
            for (int length = 0; length < keyTo.length; length++) {
                if (keyFrom != null && Arrays.compareUnsigned(keyTo, 0, length, keyFrom, 0, keyFrom.length) < 0) {
                    continue;
                }
                byte[] candidate = concat(keyTo, length, maxSuffix);
                if (Arrays.compareUnsigned(candidate, best) > 0) {
                    best = candidate;
                }
            }
        }
        return Bytes.wrap(best);
    }

    /**
     * @return a suffix of the time followed by the secondary number, for search bounds. A negative time
     *     (a search reaching back before 0, such as a session search around an early record) counts as 0:
     *     stored times are never negative, and a negative long would sort after every stored one, so a
     *     search from it would skip the entries it should find. Searches filter by exact time afterwards.
     */
    byte[] suffix(long time, long secondary) {
        return toStoreKey(new byte[0], Math.max(time, 0L), secondary).get();
    }

    /**
     * @param segmentInterval the segment length in milliseconds
     * @return the order a RocksDB segmented store iterates in: segment (time / interval), then store key
     *     bytes unsigned
     */
    Comparator<Bytes> segmentOrder(long segmentInterval) {
        return (a, b) -> {
            int c = Long.compare(time(a.get()) / segmentInterval, time(b.get()) / segmentInterval);
            return c != 0 ? c : a.compareTo(b);
        };
    }

    /**
     * @return the order an in-memory store iterates in: segment time, then record key bytes unsigned, then
     *     the rest of the suffix
     */
    Comparator<Bytes> timeOrder() {
        return (a, b) -> {
            int c = Long.compare(time(a.get()), time(b.get()));
            return c != 0 ? c : keyThenSuffix().compare(a, b);
        };
    }

    /** @return the order by record key bytes unsigned, then suffix bytes unsigned */
    Comparator<Bytes> keyThenSuffix() {
        return (a, b) -> {
            byte[] x = a.get();
            byte[] y = b.get();
            int c = Arrays.compareUnsigned(x, 0, x.length - suffixLength, y, 0, y.length - suffixLength);
            return c != 0 ? c : Arrays.compareUnsigned(x, x.length - suffixLength, x.length, y, y.length - suffixLength, y.length);
        };
    }

    private static byte[] concat(byte[] key, int keyLength, byte[] suffix) {
        byte[] out = Arrays.copyOf(key, keyLength + suffix.length);
        System.arraycopy(suffix, 0, out, keyLength, suffix.length);
        return out;
    }
}
