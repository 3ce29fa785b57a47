package dev.rill.streams.internal.task;

import dev.rill.streams.processor.api.Record;
import java.util.ArrayList;
import java.util.List;

/** A node of a running task: a source, a processor or a sink, with its children in the order they were added. */
abstract class TaskNode {
    final String name;
    final List<TaskNode> children = new ArrayList<>();

    TaskNode(String name) {
        this.name = name;
    }

    /** Prepares the node; called once, parents before children. */
    abstract void init(StreamTask task);

    /** Handles one record forwarded by a parent. */
    abstract void process(Record<Object, Object> record);

    /** Releases resources; called once when the task closes. */
    void close() {
    }

    TaskNode child(String childName) {
        for (TaskNode child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }
}
