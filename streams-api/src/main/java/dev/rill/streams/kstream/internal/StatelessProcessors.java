package dev.rill.streams.kstream.internal;

import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.kstream.ForeachAction;
import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.kstream.Predicate;
import dev.rill.streams.kstream.ValueMapperWithKey;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;
import java.util.List;

/**
 * The processors behind the stateless KStream operators. Each forwards records with the input's
 * timestamp and headers. A user function that throws is reported by the runtime with the operator's
 * name and the record's position; a function that returns {@code null} where a value is needed is
 * reported here, naming what was returned.
 */
final class StatelessProcessors {
    private StatelessProcessors() {
    }

    /** Base for processors that keep their context. */
    abstract static class Forwarding<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
        ProcessorContext<KOut, VOut> context;

        @Override
        public void init(ProcessorContext<KOut, VOut> context) {
            this.context = context;
        }
    }

    /** filter and filterNot. */
    static final class Filter<K, V> extends Forwarding<K, V, K, V> {
        private final Predicate<? super K, ? super V> predicate;
        private final boolean keepMatches;

        Filter(Predicate<? super K, ? super V> predicate, boolean keepMatches) {
            this.predicate = predicate;
            this.keepMatches = keepMatches;
        }

        @Override
        public void process(Record<K, V> record) {
            if (predicate.test(record.key(), record.value()) == keepMatches) {
                context.forward(record);
            }
        }
    }

    /** map and selectKey. */
    static final class Map<K, V, KR, VR> extends Forwarding<K, V, KR, VR> {
        private final KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper;

        Map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper) {
            this.mapper = mapper;
        }

        @Override
        public void process(Record<K, V> record) {
            KeyValue<? extends KR, ? extends VR> pair = mapper.apply(record.key(), record.value());
            if (pair == null) {
                throw new StreamsException("the mapper returned null for key " + record.key()
                    + "; a map() mapper must return a KeyValue (use flatMap to drop records)");
            }
            context.forward(record.<KR>withKey(pair.key).<VR>withValue(pair.value));
        }
    }

    /** mapValues, with or without the key. */
    static final class MapValues<K, V, VR> extends Forwarding<K, V, K, VR> {
        private final ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper;

        MapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
            this.mapper = mapper;
        }

        @Override
        public void process(Record<K, V> record) {
            context.forward(record.<VR>withValue(mapper.apply(record.key(), record.value())));
        }
    }

    /** flatMap. */
    static final class FlatMap<K, V, KR, VR> extends Forwarding<K, V, KR, VR> {
        private final KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper;

        FlatMap(KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper) {
            this.mapper = mapper;
        }

        @Override
        public void process(Record<K, V> record) {
            Iterable<? extends KeyValue<? extends KR, ? extends VR>> pairs = mapper.apply(record.key(), record.value());
            if (pairs == null) {
                throw new StreamsException("the mapper returned null for key " + record.key()
                    + "; a flatMap() mapper must return an Iterable (an empty one to drop the record)");
            }
            for (KeyValue<? extends KR, ? extends VR> pair : pairs) {
                if (pair == null) {
                    throw new StreamsException("the mapper returned an Iterable holding null for key " + record.key()
                        + "; every element must be a KeyValue");
                }
                context.forward(record.<KR>withKey(pair.key).<VR>withValue(pair.value));
            }
        }
    }

    /** flatMapValues, with or without the key. */
    static final class FlatMapValues<K, V, VR> extends Forwarding<K, V, K, VR> {
        private final ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper;

        FlatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper) {
            this.mapper = mapper;
        }

        @Override
        public void process(Record<K, V> record) {
            Iterable<? extends VR> values = mapper.apply(record.key(), record.value());
            if (values == null) {
                throw new StreamsException("the mapper returned null for key " + record.key()
                    + "; a flatMapValues() mapper must return an Iterable (an empty one to drop the record)");
            }
            for (VR value : values) {
                context.forward(record.<VR>withValue(value));
            }
        }
    }

    /** peek (forwards) and foreach (does not). */
    static final class Peek<K, V> extends Forwarding<K, V, K, V> {
        private final ForeachAction<? super K, ? super V> action;
        private final boolean forward;

        Peek(ForeachAction<? super K, ? super V> action, boolean forward) {
            this.action = action;
            this.forward = forward;
        }

        @Override
        public void process(Record<K, V> record) {
            action.apply(record.key(), record.value());
            if (forward) {
                context.forward(record);
            }
        }
    }

    /** merge and branch children: forwards everything. */
    static final class PassThrough<K, V> extends Forwarding<K, V, K, V> {
        @Override
        public void process(Record<K, V> record) {
            context.forward(record);
        }
    }

    /** The splitter of split(): sends each record to the first branch whose predicate it passes. */
    static final class Split<K, V> extends Forwarding<K, V, K, V> {
        private final List<Predicate<? super K, ? super V>> predicates;
        private final List<String> branchNodes;
        private final String defaultNode;

        Split(List<Predicate<? super K, ? super V>> predicates, List<String> branchNodes, String defaultNode) {
            this.predicates = predicates;
            this.branchNodes = branchNodes;
            this.defaultNode = defaultNode;
        }

        @Override
        public void process(Record<K, V> record) {
            for (int i = 0; i < predicates.size(); i++) {
                if (predicates.get(i).test(record.key(), record.value())) {
                    context.forward(record, branchNodes.get(i));
                    return;
                }
            }
            if (defaultNode != null) {
                context.forward(record, defaultNode);
            }
        }
    }
}
