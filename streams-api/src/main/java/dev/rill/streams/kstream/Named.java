package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;
import dev.rill.streams.internal.Names;

/**
 * Gives an operator a name of the user's choosing instead of a generated one. Names show up in
 * {@code Topology.describe()}, and for stateful operators they fix the names of stores and internal
 * topics, so that state survives changes to the topology.
 */
@Stable
public final class Named {
    private final String name;

    private Named(String name) {
        this.name = name;
    }

    /**
     * @param name the operator name: ASCII letters, digits, '.', '_' and '-', at most 249 characters
     * @return the name option
     * @throws NullPointerException if {@code name} is {@code null}
     * @throws IllegalArgumentException if the name is empty, too long or has illegal characters
     */
    public static Named as(String name) {
        return new Named(Names.requireLegal(name, "operator name"));
    }

    /** @return the name */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Named n && name.equals(n.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "Named(" + name + ")";
    }
}
