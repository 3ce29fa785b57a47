package dev.rill.streams.processor;

import dev.rill.annotation.Stable;

/** Which clock drives a scheduled {@link Punctuator}. */
@Stable
public enum PunctuationType {
    /**
     * Stream time: the largest record timestamp the task has processed. It advances only when records
     * arrive, so a punctuator on stream time never fires on an idle input, and several intervals passed
     * in one jump fire once.
     */
    STREAM_TIME,
    /**
     * Wall-clock time of the process (in the test driver, the driver's mock clock). Fires even with no
     * input.
     */
    WALL_CLOCK_TIME
}
