package dev.rill.streams;

import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.StoreBuilder;
import java.util.Map;

/** Builds stores that hold nothing: enough for tests of topology structure, which only need names. */
public final class NoopStoreBuilder implements StoreBuilder<NoopStoreBuilder.NoopStore> {
    private final String name;

    /** @param name the store name */
    public NoopStoreBuilder(String name) {
        this.name = name;
    }

    @Override
    public StoreBuilder<NoopStore> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<NoopStore> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<NoopStore> withLoggingEnabled(Map<String, String> config) {
        return this;
    }

    @Override
    public StoreBuilder<NoopStore> withLoggingDisabled() {
        return this;
    }

    @Override
    public NoopStore build() {
        return new NoopStore(name);
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    /** A store with a name and nothing else. */
    public static final class NoopStore implements StateStore {
        private final String name;

        NoopStore(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }
}
