package dev.rill.streams.kstream;

import dev.rill.annotation.Stable;

/**
 * Creates the starting value of an aggregate, before the first record of a key (or window, or
 * session) is aggregated into it.
 *
 * @param <VAgg> aggregate type
 */
@Stable
@FunctionalInterface
public interface Initializer<VAgg> {

    /** @return a new initial aggregate */
    VAgg apply();
}
