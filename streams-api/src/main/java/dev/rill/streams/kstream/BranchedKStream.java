package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import java.util.Map;

/**
 * The branches of a {@link KStream#split()}. Each record goes to the first branch whose predicate it
 * passes, or to the default branch, or is dropped when there is no default branch.
 *
 * <pre>{@code
 * Map<String, KStream<String, Order>> byRegion = orders.split(Named.as("region-"))
 *     .branch((k, o) -> o.region().equals("eu"), Branched.as("eu"))
 *     .branch((k, o) -> o.region().equals("us"), Branched.as("us"))
 *     .defaultBranch(Branched.as("other"));
 * KStream<String, Order> eu = byRegion.get("region-eu");
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public interface BranchedKStream<K, V> {

    /**
     * Adds a branch with a generated name (its position, from 1).
     *
     * @param predicate decides which records take this branch
     * @return this
     */
    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate);

    /**
     * Adds a branch.
     *
     * @param predicate decides which records take this branch
     * @param branched the branch's name and what to do with it
     * @return this
     * @throws IllegalArgumentException if another branch of this split has the same name
     */
    BranchedKStream<K, V> branch(Predicate<? super K, ? super V> predicate, Branched<K, V> branched);

    /**
     * Ends the split with a default branch (position 0) for records no predicate took.
     *
     * @return the branches, by name
     */
    Map<String, KStream<K, V>> defaultBranch();

    /**
     * Ends the split with a default branch for records no predicate took.
     *
     * @param branched the default branch's name and what to do with it
     * @return the branches, by name
     */
    Map<String, KStream<K, V>> defaultBranch(Branched<K, V> branched);

    /**
     * Ends the split without a default branch: records no predicate took are dropped.
     *
     * @return the branches, by name
     */
    Map<String, KStream<K, V>> noDefaultBranch();
}
