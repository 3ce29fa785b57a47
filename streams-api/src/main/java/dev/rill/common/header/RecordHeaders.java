package dev.rill.common.header;

import dev.rill.annotation.Stable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The standard mutable {@link Headers}: an insertion-ordered list. Not thread-safe.
 *
 * <p>Unlike Kafka, where this class lives in an {@code internals} package, Rill makes it public API:
 * tests and processors construct headers all the time.
 */
@Stable
public final class RecordHeaders implements Headers {
    private final List<Header> headers;
    private boolean readOnly;

    /** Creates empty headers. */
    public RecordHeaders() {
        this.headers = new ArrayList<>(2);
    }

    /**
     * Creates headers holding a copy of the given ones.
     *
     * @param headers the headers to copy; {@code null} means none
     */
    public RecordHeaders(Iterable<Header> headers) {
        if (headers instanceof RecordHeaders other) {
            // Header objects are immutable, so copying the list is a full copy; this runs per record.
            this.headers = new ArrayList<>(other.headers);
            return;
        }
        this.headers = new ArrayList<>(2);
        if (headers != null) {
            for (Header h : headers) {
                this.headers.add(h);
            }
        }
    }

    /**
     * Creates headers holding the given ones.
     *
     * @param headers the headers to copy; {@code null} means none
     */
    public RecordHeaders(Header[] headers) {
        this(headers == null ? null : List.of(headers));
    }

    @Override
    public Headers add(Header header) {
        Objects.requireNonNull(header, "header must not be null");
        checkWritable();
        headers.add(header);
        return this;
    }

    @Override
    public Headers add(String key, byte[] value) {
        return add(new RecordHeader(key, value));
    }

    @Override
    public Headers remove(String key) {
        checkWritable();
        headers.removeIf(h -> h.key().equals(key));
        return this;
    }

    @Override
    public Header lastHeader(String key) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).key().equals(key)) {
                return headers.get(i);
            }
        }
        return null;
    }

    @Override
    public Iterable<Header> headers(String key) {
        List<Header> matching = new ArrayList<>();
        for (Header h : headers) {
            if (h.key().equals(key)) {
                matching.add(h);
            }
        }
        return matching;
    }

    @Override
    public Header[] toArray() {
        return headers.toArray(new Header[0]);
    }

    @Override
    public Iterator<Header> iterator() {
        Iterator<Header> it = headers.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Header next() {
                return it.next();
            }

            @Override
            public void remove() {
                checkWritable();
                it.remove();
            }
        };
    }

    /**
     * Makes these headers read-only: later changes throw {@link IllegalStateException}. Used for headers
     * of records that have already been written.
     */
    public void setReadOnly() {
        readOnly = true;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException("these headers are read-only: the record they belong to was already written; "
                + "copy them with new RecordHeaders(headers) to change them");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordHeaders other && headers.equals(other.headers);
    }

    @Override
    public int hashCode() {
        return headers.hashCode();
    }

    @Override
    public String toString() {
        return "RecordHeaders(headers = " + headers + ")";
    }
}
