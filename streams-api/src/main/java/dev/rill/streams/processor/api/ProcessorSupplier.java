package dev.rill.streams.processor.api;

import dev.rill.annotation.Stable;
import java.util.function.Supplier;

/**
 * Creates a {@link Processor} for each task.
 *
 * @param <KIn> input key type
 * @param <VIn> input value type
 * @param <KOut> output key type
 * @param <VOut> output value type
 */
@Stable
@FunctionalInterface
public interface ProcessorSupplier<KIn, VIn, KOut, VOut> extends ConnectedStoreProvider, Supplier<Processor<KIn, VIn, KOut, VOut>> {

    /**
     * @return a new processor on every call; returning the same instance twice is rejected when the
     *     topology is built, because tasks must not share processor state
     */
    @Override
    Processor<KIn, VIn, KOut, VOut> get();
}
