package dev.rill.streams.processor.api;

import dev.rill.annotation.Stable;
import java.util.function.Supplier;

/**
 * Creates a {@link FixedKeyProcessor} for each task.
 *
 * @param <KIn> key type
 * @param <VIn> input value type
 * @param <VOut> output value type
 */
@Stable
@FunctionalInterface
public interface FixedKeyProcessorSupplier<KIn, VIn, VOut> extends ConnectedStoreProvider, Supplier<FixedKeyProcessor<KIn, VIn, VOut>> {

    /** @return a new processor on every call */
    @Override
    FixedKeyProcessor<KIn, VIn, VOut> get();
}
