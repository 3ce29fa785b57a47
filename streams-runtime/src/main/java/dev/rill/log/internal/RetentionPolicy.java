package dev.rill.log.internal;

import dev.rill.log.TopicConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses which segments retention deletes: only whole inactive segments, oldest first, and only a
 * prefix of them (a gap in the middle of a log would break the meaning of the log start offset). A segment
 * goes when its newest record is older than {@code retention.ms}, or while the partition without it is
 * still at least {@code retention.bytes} large. Topics whose policy does not delete keep everything.
 */
final class RetentionPolicy {
    private RetentionPolicy() {
    }

    /**
     * @param segments a partition's segments, oldest first; the last is active and never chosen
     * @return the segments to delete, oldest first
     */
    static List<Segment> expiredSegments(List<Segment> segments, TopicConfig config, long nowMs) {
        List<Segment> expired = new ArrayList<>();
        if (!config.cleanupPolicy().deletes() || segments.size() < 2) {
            return expired;
        }
        long total = 0;
        for (Segment s : segments) {
            total += s.size();
        }
        for (Segment s : segments.subList(0, segments.size() - 1)) {
            boolean tooOld = config.retentionMs() >= 0 && s.largestTimestamp() < nowMs - config.retentionMs();
            boolean tooBig = config.retentionBytes() >= 0 && total - s.size() >= config.retentionBytes();
            if (!tooOld && !tooBig) {
                break;
            }
            expired.add(s);
            total -= s.size();
        }
        return expired;
    }
}
