package dev.rill.streams.kstream.internal;

import dev.rill.annotation.Internal;

/**
 * An update of one table row as it travels between table operators: the new value and, when the
 * downstream operator asked for it, the value it replaces. {@code null} means "no row".
 *
 * @param newValue the value after the update, or {@code null} for a deletion
 * @param oldValue the value before the update, or {@code null} if there was none or it was not asked for
 * @param <V> value type
 */
@Internal
public record Change<V>(V newValue, V oldValue) {

    @Override
    public String toString() {
        return "(" + newValue + "<-" + oldValue + ")";
    }
}
