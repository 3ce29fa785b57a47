package dev.rill.common.header;

import dev.rill.annotation.Stable;

/** One record header: a string key and a byte-array value (which may be {@code null}). */
@Stable
public interface Header {

    /** @return the header key, never {@code null} */
    String key();

    /** @return the header value; may be {@code null}. Callers must not modify the array. */
    byte[] value();
}
