package dev.rill.streams.internal.task;

import dev.rill.streams.processor.Cancellable;
import dev.rill.streams.processor.PunctuationType;
import dev.rill.streams.processor.Punctuator;

/** One scheduled punctuator: when it is next due, its period, and the node whose context it runs in. */
final class PunctuationSchedule implements Cancellable {
    final ProcessorTaskNode node;
    final PunctuationType type;
    final long interval;
    final Punctuator punctuator;
    long due;
    private boolean cancelled;

    PunctuationSchedule(ProcessorTaskNode node, PunctuationType type, long firstDue, long interval, Punctuator punctuator) {
        this.node = node;
        this.type = type;
        this.due = firstDue;
        this.interval = interval;
        this.punctuator = punctuator;
    }

    /**
     * Moves the due time past {@code now}, keeping it on the grid {@code firstDue + k * interval}, so a
     * long gap fires once instead of once per missed interval.
     */
    void advancePast(long now) {
        long missed = (now - due) / interval;
        due += (missed + 1) * interval;
    }

    boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
