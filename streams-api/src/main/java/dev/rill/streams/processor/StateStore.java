package dev.rill.streams.processor;

import dev.rill.annotation.Stable;

/**
 * A store that processors read and write by name ({@code ProcessorContext.getStateStore}). The runtime
 * opens a store with {@link #init}, flushes it at every commit and closes it when the task ends.
 * A store belongs to one task and is used by one thread at a time.
 */
@Stable
public interface StateStore {

    /** @return the store name, unique within a topology */
    String name();

    /**
     * Opens the store. Called once by the runtime before any processor uses it.
     *
     * @param context what the store may need from its task (directories, serdes, restore registration)
     * @param root the outermost store of the wrapping chain, to register for restoration
     */
    void init(StateStoreContext context, StateStore root);

    /** Makes buffered writes durable. Called at every commit. */
    void flush();

    /** Releases the store's resources. Later use throws. */
    void close();

    /** @return whether the store keeps its data on disk across restarts */
    boolean persistent();

    /** @return whether the store is open */
    boolean isOpen();
}
