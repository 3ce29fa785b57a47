package dev.rill.streams.kstream.internal;

import dev.rill.streams.KeyValue;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.kstream.KeyValueMapper;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.ProcessorContext;
import dev.rill.streams.processor.api.Record;

/**
 * The selector of {@code KTable.groupBy}: turns one row update into updates of groups. A row that
 * stays in its group becomes one update carrying old and new value; a row that moves becomes a
 * subtraction from the old group, then an addition to the new one. A selected pair with a
 * {@code null} key or value joins no group.
 */
final class TableGroupByProcessor<K, V, KR, VR> implements Processor<K, Change<V>, KR, Change<VR>> {
    private final KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector;
    private ProcessorContext<KR, Change<VR>> context;

    TableGroupByProcessor(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector) {
        this.selector = selector;
    }

    @Override
    public void init(ProcessorContext<KR, Change<VR>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<K, Change<V>> record) {
        if (record.key() == null) {
            throw new StreamsException("the table being grouped has a row with a null key, which tables cannot have");
        }
        Change<V> change = record.value();
        KeyValue<? extends KR, ? extends VR> newPair = change.newValue() == null ? null : selector.apply(record.key(), change.newValue());
        KeyValue<? extends KR, ? extends VR> oldPair = change.oldValue() == null ? null : selector.apply(record.key(), change.oldValue());
        boolean hasOld = oldPair != null && oldPair.key != null && oldPair.value != null;
        boolean hasNew = newPair != null && newPair.key != null && newPair.value != null;
        if (hasOld && hasNew && oldPair.key.equals(newPair.key)) {
            context.forward(record.withKey((KR) oldPair.key).withValue(new Change<>((VR) newPair.value, (VR) oldPair.value)));
            return;
        }
        if (hasOld) {
            context.forward(record.withKey((KR) oldPair.key).withValue(new Change<>(null, (VR) oldPair.value)));
        }
        if (hasNew) {
            context.forward(record.withKey((KR) newPair.key).withValue(new Change<>((VR) newPair.value, null)));
        }
    }
}
