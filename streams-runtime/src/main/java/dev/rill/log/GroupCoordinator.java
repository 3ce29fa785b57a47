package dev.rill.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer groups of one log. A member's target partitions are recomputed whenever a member joins or
 * leaves; the member gives up what it no longer should own ({@link #toRevoke}, then {@link #release}) and
 * takes what it should own once the previous owner has released it ({@link #acquire}). So no partition is
 * ever owned by two members, and once every member has polled every partition is owned. A member that
 * does not poll for its {@code max.poll.interval.ms} is removed. Thread-safe.
 */
final class GroupCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinator.class);

    private static final class Member {
        final Set<String> topics;
        final ConsumerConfig.AssignmentStrategy strategy;
        final long maxPollIntervalMs;
        long lastSeenMs;

        Member(Set<String> topics, ConsumerConfig.AssignmentStrategy strategy, long maxPollIntervalMs, long now) {
            this.topics = topics;
            this.strategy = strategy;
            this.maxPollIntervalMs = maxPollIntervalMs;
            this.lastSeenMs = now;
        }
    }

    private static final class Group {
        final TreeMap<String, Member> members = new TreeMap<>();
        final Map<String, Set<TopicPartition>> target = new HashMap<>();
        final Map<TopicPartition, String> owners = new HashMap<>();
        int generation;
    }

    private final ToIntFunction<String> partitionCount;
    private final LongSupplier clock;
    private final Map<String, Group> groups = new HashMap<>();

    GroupCoordinator(ToIntFunction<String> partitionCount, LongSupplier clock) {
        this.partitionCount = partitionCount;
        this.clock = clock;
    }

    /** Adds or updates a member with its subscription; rebalances. @return the new generation */
    synchronized int join(String groupId, String memberId, Set<String> topics, ConsumerConfig.AssignmentStrategy strategy,
                          long maxPollIntervalMs) {
        Group g = groups.computeIfAbsent(groupId, k -> new Group());
        g.members.put(memberId, new Member(Set.copyOf(topics), strategy, maxPollIntervalMs, clock.getAsLong()));
        rebalance(groupId, g);
        return g.generation;
    }

    /** Removes a member and frees its partitions; rebalances. */
    synchronized void leave(String groupId, String memberId) {
        Group g = groups.get(groupId);
        if (g == null || g.members.remove(memberId) == null) {
            return;
        }
        g.owners.values().removeIf(memberId::equals);
        g.target.remove(memberId);
        rebalance(groupId, g);
    }

    /** @return whether the member is still in its group (it is removed after missing its poll interval) */
    synchronized boolean isMember(String groupId, String memberId) {
        expire(groupId);
        Group g = groups.get(groupId);
        if (g == null || !g.members.containsKey(memberId)) {
            return false;
        }
        g.members.get(memberId).lastSeenMs = clock.getAsLong();
        return true;
    }

    synchronized int generation(String groupId) {
        Group g = groups.get(groupId);
        return g == null ? -1 : g.generation;
    }

    /** @return the partitions the member owns but should no longer own */
    synchronized Set<TopicPartition> toRevoke(String groupId, String memberId) {
        Group g = groups.get(groupId);
        Set<TopicPartition> revoke = new TreeSet<>();
        if (g == null) {
            return revoke;
        }
        Set<TopicPartition> target = g.target.getOrDefault(memberId, Set.of());
        g.owners.forEach((tp, owner) -> {
            if (owner.equals(memberId) && !target.contains(tp)) {
                revoke.add(tp);
            }
        });
        return revoke;
    }

    synchronized void release(String groupId, String memberId, Set<TopicPartition> partitions) {
        Group g = groups.get(groupId);
        if (g != null) {
            partitions.forEach(tp -> g.owners.remove(tp, memberId));
        }
    }

    /** Takes the member's target partitions that nobody owns. @return those newly owned */
    synchronized Set<TopicPartition> acquire(String groupId, String memberId) {
        Group g = groups.get(groupId);
        Set<TopicPartition> acquired = new TreeSet<>();
        if (g == null || !g.members.containsKey(memberId)) {
            return acquired;
        }
        for (TopicPartition tp : g.target.getOrDefault(memberId, Set.of())) {
            if (!g.owners.containsKey(tp)) {
                g.owners.put(tp, memberId);
                acquired.add(tp);
            }
        }
        return acquired;
    }

    private void expire(String groupId) {
        Group g = groups.get(groupId);
        if (g == null) {
            return;
        }
        long now = clock.getAsLong();
        List<String> gone = new ArrayList<>();
        g.members.forEach((id, m) -> {
            if (now - m.lastSeenMs > m.maxPollIntervalMs) {
                gone.add(id);
            }
        });
        for (String id : gone) {
            LOG.warn("Removing member {} from consumer group {}: it did not poll within max.poll.interval.ms={}; "
                + "its partitions go to the other members", id, groupId, g.members.get(id).maxPollIntervalMs);
            leave(groupId, id);
        }
    }

    private void rebalance(String groupId, Group g) {
        g.generation++;
        g.target.clear();
        if (g.members.isEmpty()) {
            return;
        }
        Set<String> topics = new TreeSet<>();
        g.members.values().forEach(m -> topics.addAll(m.topics));
        boolean roundRobin = g.members.firstEntry().getValue().strategy == ConsumerConfig.AssignmentStrategy.ROUND_ROBIN;
        g.members.keySet().forEach(id -> g.target.put(id, new TreeSet<>()));
        if (roundRobin) {
            List<String> ids = new ArrayList<>(g.members.keySet());
            int next = 0;
            for (String topic : topics) {
                for (int p = 0; p < partitionCount.applyAsInt(topic); p++) {
                    for (int tries = 0; tries < ids.size(); tries++) {
                        String id = ids.get(next++ % ids.size());
                        if (g.members.get(id).topics.contains(topic)) {
                            g.target.get(id).add(new TopicPartition(topic, p));
                            break;
                        }
                    }
                }
            }
        } else {
            for (String topic : topics) {
                List<String> ids = new ArrayList<>();
                g.members.forEach((id, m) -> {
                    if (m.topics.contains(topic)) {
                        ids.add(id);
                    }
                });
                int n = partitionCount.applyAsInt(topic);
                int per = n / ids.size();
                int extra = n % ids.size();
                int p = 0;
                for (int i = 0; i < ids.size(); i++) {
                    int count = per + (i < extra ? 1 : 0);
                    for (int j = 0; j < count; j++) {
                        g.target.get(ids.get(i)).add(new TopicPartition(topic, p++));
                    }
                }
            }
        }
        Set<TopicPartition> all = new HashSet<>();
        g.target.values().forEach(all::addAll);
        g.owners.keySet().removeIf(tp -> !all.contains(tp) && !g.members.containsKey(g.owners.get(tp)));
        LOG.debug("Consumer group {} generation {}: {}", groupId, g.generation, g.target);
    }
}
