package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.streams.internal.Names;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Names a branch of {@link KStream#split()} and says what to do with it: return it in the result map
 * as is (the default), pass it through a function whose result goes in the map, or hand it to a
 * consumer (then it is not in the map). A branch's key in the map is the split's name prefix followed
 * by the branch name, or by the branch's position (from 1) when it has no name; the default branch's
 * position is 0.
 *
 * @param <K> key type
 * @param <V> value type
 */
@Stable
public final class Branched<K, V> {
    private final String name;
    private final Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction;
    private final Consumer<? super KStream<K, V>> chainConsumer;

    private Branched(String name, Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction,
                     Consumer<? super KStream<K, V>> chainConsumer) {
        this.name = name;
        this.chainFunction = chainFunction;
        this.chainConsumer = chainConsumer;
    }

    /**
     * @param name the branch name, appended to the split's prefix
     * @param <K> key type
     * @param <V> value type
     * @return the option
     * @throws IllegalArgumentException if the name is not a legal name
     */
    public static <K, V> Branched<K, V> as(String name) {
        return new Branched<>(Names.requireLegal(name, "branch name"), null, null);
    }

    /**
     * @param chain applied to the branch; its result is put in the map unless it is {@code null}
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Branched<K, V> withFunction(Function<? super KStream<K, V>, ? extends KStream<K, V>> chain) {
        return new Branched<>(null, Objects.requireNonNull(chain, "chain function must not be null"), null);
    }

    /**
     * @param chain applied to the branch; its result is put in the map unless it is {@code null}
     * @param name the branch name
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Branched<K, V> withFunction(Function<? super KStream<K, V>, ? extends KStream<K, V>> chain, String name) {
        return new Branched<>(Names.requireLegal(name, "branch name"), Objects.requireNonNull(chain, "chain function must not be null"), null);
    }

    /**
     * @param chain receives the branch; the branch is then left out of the map
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain) {
        return new Branched<>(null, null, Objects.requireNonNull(chain, "chain consumer must not be null"));
    }

    /**
     * @param chain receives the branch; the branch is then left out of the map
     * @param name the branch name
     * @param <K> key type
     * @param <V> value type
     * @return the option
     */
    public static <K, V> Branched<K, V> withConsumer(Consumer<? super KStream<K, V>> chain, String name) {
        return new Branched<>(Names.requireLegal(name, "branch name"), null, Objects.requireNonNull(chain, "chain consumer must not be null"));
    }

    /** @return the branch name, or {@code null} to use the branch's position */
    public String name() {
        return name;
    }

    /** @return the chain function, or {@code null} */
    public Function<? super KStream<K, V>, ? extends KStream<K, V>> chainFunction() {
        return chainFunction;
    }

    /** @return the chain consumer, or {@code null} */
    public Consumer<? super KStream<K, V>> chainConsumer() {
        return chainConsumer;
    }
}
