package dev.rill.log;

import dev.rill.annotation.Evolving;

/** A consumer with {@code auto.offset.reset=none} has no committed offset for a partition it must read. */
@Evolving
public class NoOffsetForPartitionException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message the group and partition */
    public NoOffsetForPartitionException(String message) {
        super(message);
    }
}
