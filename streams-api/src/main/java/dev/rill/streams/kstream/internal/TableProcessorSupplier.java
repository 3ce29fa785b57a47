package dev.rill.streams.kstream.internal;

import dev.rill.streams.processor.api.ProcessorSupplier;
import dev.rill.streams.state.StoreBuilder;
import java.util.Set;

/**
 * The processor behind a {@code KTable}: it emits {@link Change}s. Operators added downstream may ask
 * it to include old values (a {@code groupBy} needs them to subtract); whether it can depends on
 * whether it, or a table it reads, keeps a store.
 *
 * @param <KIn> input key type
 * @param <VIn> input value type (a plain value for sources and aggregations, a {@code Change} for table operators)
 * @param <KOut> key type of the table
 * @param <VOut> value type of the table
 */
interface TableProcessorSupplier<KIn, VIn, KOut, VOut> extends ProcessorSupplier<KIn, VIn, KOut, Change<VOut>> {

    /**
     * Asks the table's updates to carry the values they replace.
     *
     * @param forceMaterialization whether a source table that keeps no store should start keeping one
     *     so that it can send old values
     * @return whether old values will be sent
     */
    boolean enableSendingOldValues(boolean forceMaterialization);

    /** @return the name of the store the table is materialized in, or {@code null} if none */
    String queryableStoreName();

    /**
     * @return the table this operator transforms row by row (filter, mapValues, suppress), which
     *     decides whether its rows are windows; {@code null} for sources and aggregations
     */
    default KTableImpl<?, ?, ?> parentTable() {
        return null;
    }

    /**
     * @return for a windowed aggregation, how long after a window's end it still accepts records, in
     *     milliseconds (for sessions, the inactivity gap plus the grace period); -1 for anything else
     */
    default long windowCloseGraceMs() {
        return -1L;
    }

    /** @return the store of this processor, created lazily because materialization may be decided late */
    @Override
    Set<StoreBuilder<?>> stores();
}
