package dev.rill.log;

import dev.rill.annotation.Evolving;
import java.util.Objects;

/**
 * A consumer's membership of its group, passed to {@link Producer#sendOffsetsToTransaction} so that the
 * offsets are committed for that group.
 *
 * @param groupId the group
 * @param generationId the group's generation when this was taken, {@code -1} if unknown
 * @param memberId the member's id, empty if unknown
 */
@Evolving
public record ConsumerGroupMetadata(String groupId, int generationId, String memberId) {

    /** Checks the group id. */
    public ConsumerGroupMetadata {
        Objects.requireNonNull(groupId, "groupId must not be null");
        memberId = Objects.requireNonNullElse(memberId, "");
    }

    /** @param groupId the group */
    public ConsumerGroupMetadata(String groupId) {
        this(groupId, -1, "");
    }
}
