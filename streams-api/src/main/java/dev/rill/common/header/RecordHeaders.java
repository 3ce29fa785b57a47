package dev.rill.common.header;

import dev.rill.annotation.Stable;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The standard mutable {@link Headers}: an insertion-ordered list. Not thread-safe.
 *
 * <p>A copy made with {@link #RecordHeaders(Iterable)} is independent of its source (a change to one is
 * never seen by the other), yet costs no copying of entries until one of the two is changed.
 *
 * <p>Unlike Kafka, where this class lives in an {@code internals} package, Rill makes it public API:
 * tests and processors construct headers all the time.
 */
@Stable
public final class RecordHeaders implements Headers {
    // Copies of these headers (every record derived from another makes one) share the list until one
    // of them changes: copying a list per record cost more than everything else on the stateless
    // per-record path, and most records never touch their headers. A list is never changed while
    // shared: every holder of a shared list has `shared` set and replaces the list before a change.
    // Copying sets `shared` on the source too; copies of the same headers made on several threads at
    // once all write true, so reading headers from many threads stays as safe as before.
    // Empty headers all share this immutable list until their first add.
    private static final List<Header> NONE = List.of();

    private List<Header> headers;
    private boolean shared;
    private boolean readOnly;
    // Changes made so far, so that an iterator notices changes made around it, as a list's would.
    private int changes;

    /** Creates empty headers. */
    public RecordHeaders() {
        this.headers = NONE;
        this.shared = true;
    }

    /**
     * Creates headers holding a copy of the given ones. Later changes to either side are not seen by
     * the other.
     *
     * @param headers the headers to copy; {@code null} means none
     */
    public RecordHeaders(Iterable<Header> headers) {
        if (headers instanceof RecordHeaders other) {
            // Header objects are immutable, so sharing the list until either side changes is a full copy.
            this.headers = other.headers;
            this.shared = true;
            other.shared = true;
            return;
        }
        this.headers = NONE;
        this.shared = true;
        if (headers != null) {
            for (Header h : headers) {
                writableList().add(h);
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

    /** The list to change: our own copy if it may be shared with other headers. */
    private List<Header> writableList() {
        if (shared) {
            List<Header> own = new ArrayList<>(Math.max(2, headers.size() + 1));
            own.addAll(headers);
            headers = own;
            shared = false;
        }
        return headers;
    }

    @Override
    public Headers add(Header header) {
        Objects.requireNonNull(header, "header must not be null");
        checkWritable();
        writableList().add(header);
        changes++;
        return this;
    }

    @Override
    public Headers add(String key, byte[] value) {
        return add(new RecordHeader(key, value));
    }

    @Override
    public Headers remove(String key) {
        checkWritable();
        if (lastHeader(key) != null) {
            writableList().removeIf(h -> h.key().equals(key));
            changes++;
        }
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

    /**
     * @return an iterator over the headers in insertion order; its {@code remove()} removes from these
     *     headers (and throws {@link IllegalStateException} if they are read-only); it throws
     *     {@link ConcurrentModificationException} if the headers are changed other than through it
     */
    @Override
    public Iterator<Header> iterator() {
        // By position rather than over the list: a remove() may have to move these headers to a copy.
        return new Iterator<>() {
            private int next;
            private int lastReturned = -1;
            private int expectedChanges = changes;

            @Override
            public boolean hasNext() {
                return next < headers.size();
            }

            @Override
            public Header next() {
                checkUnchanged();
                if (next >= headers.size()) {
                    throw new NoSuchElementException("no more headers");
                }
                lastReturned = next++;
                return headers.get(lastReturned);
            }

            @Override
            public void remove() {
                if (lastReturned < 0) {
                    throw new IllegalStateException("remove() needs a preceding next()");
                }
                checkUnchanged();
                checkWritable();
                writableList().remove(lastReturned);
                next = lastReturned;
                lastReturned = -1;
                expectedChanges = ++changes;
            }

            private void checkUnchanged() {
                if (changes != expectedChanges) {
                    throw new ConcurrentModificationException("the headers were changed while being iterated");
                }
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
