package dev.rill.streams.internal.task;

import dev.rill.streams.internal.topology.NodeSpec.ProcessorSpec;
import dev.rill.streams.processor.api.Processor;
import dev.rill.streams.processor.api.Record;
import java.util.Set;

/** Runs one user or DSL processor. */
final class ProcessorTaskNode extends TaskNode {
    private final Processor<Object, Object, Object, Object> processor;
    final Set<String> stores;
    NodeContext context;

    @SuppressWarnings("unchecked")
    ProcessorTaskNode(ProcessorSpec spec, Set<String> stores) {
        super(spec.name());
        this.processor = (Processor<Object, Object, Object, Object>) spec.supplier().get();
        this.stores = stores;
    }

    @Override
    void init(StreamTask task) {
        context = new NodeContext(task, this);
        try {
            processor.init(context);
        } catch (RuntimeException e) {
            throw task.failure("init() of processor '" + name + "' failed", e);
        }
    }

    @Override
    void process(Record<Object, Object> record) {
        processor.process(record);
    }

    @Override
    void close() {
        processor.close();
    }
}
