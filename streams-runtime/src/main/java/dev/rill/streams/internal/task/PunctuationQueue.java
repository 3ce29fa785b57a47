package dev.rill.streams.internal.task;

import dev.rill.streams.processor.PunctuationType;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The punctuation schedules of one task for one clock, ordered by due time. Schedules due at the same
 * time run in binary-heap order, not in the order they were scheduled: that is what Kafka Streams does,
 * and matching it keeps the output order of ported topologies identical.
 */
final class PunctuationQueue {
    private final PriorityQueue<PunctuationSchedule> queue = new PriorityQueue<>(Comparator.comparingLong((PunctuationSchedule s) -> s.due));
    private final PunctuationType type;

    PunctuationQueue(PunctuationType type) {
        this.type = type;
    }

    void add(PunctuationSchedule schedule) {
        queue.add(schedule);
    }

    /**
     * Runs every schedule due at {@code now}, each at most once.
     *
     * @param now the clock's current time
     * @param runner runs one punctuator
     * @return whether any punctuator ran
     */
    boolean punctuateDue(long now, java.util.function.BiConsumer<PunctuationSchedule, Long> runner) {
        boolean ran = false;
        // Schedules re-queued by this call are due after now, so the loop ends.
        while (!queue.isEmpty() && queue.peek().due <= now) {
            PunctuationSchedule schedule = queue.poll();
            if (schedule.isCancelled()) {
                continue;
            }
            runner.accept(schedule, now);
            ran = true;
            if (!schedule.isCancelled()) {
                schedule.advancePast(now);
                queue.add(schedule);
            }
        }
        return ran;
    }

    PunctuationType type() {
        return type;
    }
}
