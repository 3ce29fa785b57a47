package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import java.util.Objects;

/**
 * A key together with the window it was aggregated in: the key type of every windowed
 * aggregation's result table.
 *
 * @param <K> type of the key
 */
@Stable
public final class Windowed<K> {
    private final K key;
    private final Window window;

    /**
     * @param key the key
     * @param window the window the key's result belongs to
     * @throws NullPointerException if {@code window} is {@code null}
     */
    public Windowed(K key, Window window) {
        this.key = key;
        this.window = Objects.requireNonNull(window, "window");
    }

    /** @return the key */
    public K key() {
        return key;
    }

    /** @return the window */
    public Window window() {
        return window;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Windowed<?> w && Objects.equals(key, w.key) && window.equals(w.window);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(key) + window.hashCode();
    }

    /** @return {@code [key@start/end]} */
    @Override
    public String toString() {
        return "[" + key + "@" + window.start() + "/" + window.end() + "]";
    }
}
