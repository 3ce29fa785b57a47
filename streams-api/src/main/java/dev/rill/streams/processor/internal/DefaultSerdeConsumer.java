package dev.rill.streams.processor.internal;

import dev.rill.annotation.Internal;
import dev.rill.common.serialization.Serde;

/**
 * A serializer or deserializer that wraps another one and, when the DSL had no serde to give it,
 * wraps the application's default serde: the runtime calls {@link #withDefault} when it opens the
 * node that uses it.
 */
@Internal
public interface DefaultSerdeConsumer {

    /** @return whether this wrapper still lacks the serde it wraps */
    boolean needsDefault();

    /**
     * @param defaultSerde the application's default serde for the wrapped part (key or value)
     * @return a copy that wraps {@code defaultSerde}
     */
    Object withDefault(Serde<?> defaultSerde);
}
