package dev.rill.common.header;

import dev.rill.annotation.Stable;

/**
 * The ordered headers of a record. A key may occur several times; order of insertion is kept and is
 * what {@link #headers(String)} and iteration return.
 *
 * <p>Implementations are not thread-safe. A record's headers travel with it through a topology, so a
 * processor that wants to change them for one downstream branch only should copy them first
 * ({@code new RecordHeaders(headers)}).
 */
@Stable
public interface Headers extends Iterable<Header> {

    /**
     * Appends a header.
     *
     * @param header the header to add
     * @return this
     * @throws IllegalStateException if these headers are read-only
     */
    Headers add(Header header);

    /**
     * Appends a header made of a key and a value.
     *
     * @param key the header key, not {@code null}
     * @param value the header value, may be {@code null}
     * @return this
     * @throws IllegalStateException if these headers are read-only
     */
    Headers add(String key, byte[] value);

    /**
     * Removes every header with this key.
     *
     * @param key the key to remove
     * @return this
     * @throws IllegalStateException if these headers are read-only
     */
    Headers remove(String key);

    /**
     * @param key the key to look up
     * @return the header with this key added last, or {@code null} if there is none
     */
    Header lastHeader(String key);

    /**
     * @param key the key to look up
     * @return every header with this key, in insertion order
     */
    Iterable<Header> headers(String key);

    /** @return all headers in insertion order, as a new array */
    Header[] toArray();
}
