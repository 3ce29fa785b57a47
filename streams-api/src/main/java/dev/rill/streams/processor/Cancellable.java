package dev.rill.streams.processor;

import dev.rill.annotation.Stable;

/** A handle on a scheduled punctuation. */
@Stable
@FunctionalInterface
public interface Cancellable {

    /** Stops the schedule; it never fires again. Calling it twice, or from inside the punctuator, is fine. */
    void cancel();
}
