package dev.rill.streams.state;

import dev.rill.annotation.Stable;
import dev.rill.common.utils.Bytes;

/** Supplies key-value stores over serialized keys and values; see {@code Stores}. */
@Stable
public interface KeyValueBytesStoreSupplier extends StoreSupplier<KeyValueStore<Bytes, byte[]>> {
}
