package dev.rill.streams.state.internal;

import dev.rill.common.utils.Bytes;
import dev.rill.streams.KeyValue;
import dev.rill.streams.processor.StateStore;
import dev.rill.streams.processor.StateStoreContext;
import dev.rill.streams.state.KeyValueIterator;
import dev.rill.streams.state.KeyValueStore;
import dev.rill.common.serialization.Serializer;
import java.util.List;

/**
 * A store layer over another bytes store: every method delegates, so a layer overrides only what it
 * changes. Layers stack as serdes, then cache, then changelog, then the bytes store itself.
 */
abstract class WrappedKeyValueBytesStore implements KeyValueStore<Bytes, byte[]> {
    final KeyValueStore<Bytes, byte[]> inner;

    WrappedKeyValueBytesStore(KeyValueStore<Bytes, byte[]> inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public byte[] get(Bytes key) {
        return inner.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return inner.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        return inner.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    @Override
    public void put(Bytes key, byte[] value) {
        inner.put(key, value);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        return inner.putIfAbsent(key, value);
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        inner.putAll(entries);
    }

    @Override
    public byte[] delete(Bytes key) {
        return inner.delete(key);
    }
}
