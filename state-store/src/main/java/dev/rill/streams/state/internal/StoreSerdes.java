package dev.rill.streams.state.internal;

import dev.rill.common.serialization.Serde;
import dev.rill.common.utils.Bytes;
import dev.rill.streams.StreamsConfig;
import dev.rill.streams.errors.InvalidStateStoreException;
import dev.rill.streams.errors.StreamsException;
import dev.rill.streams.processor.StateStoreContext;
import java.util.Objects;
import java.util.function.Function;

/**
 * The serdes of a typed window or session store, resolved when the store opens, with errors that name
 * the store: serialization uses the changelog topic {@code <application.id>-<store>-changelog} as topic
 * name, whether or not logging is on, as the key-value stores do.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class StoreSerdes<K, V> {
    private final String storeName;
    private final Serde<K> givenKeySerde;
    private final Function<Serde<?>, Serde<V>> valueSerdeFromDefault;
    private Serde<K> keySerde;
    private Serde<V> valueSerde;
    private String topic;

    /**
     * @param storeName the store name, for messages
     * @param keySerde the key serde, or {@code null} for the application's default
     * @param valueSerdeFromDefault given the application's default value serde (or {@code null}), the value
     *                              serde to use, or {@code null} if there is none
     */
    StoreSerdes(String storeName, Serde<K> keySerde, Function<Serde<?>, Serde<V>> valueSerdeFromDefault) {
        this.storeName = storeName;
        this.givenKeySerde = keySerde;
        this.valueSerdeFromDefault = valueSerdeFromDefault;
    }

    /**
     * @throws StreamsException if a serde is missing and the application has no default for it
     */
    @SuppressWarnings("unchecked")
    void init(StateStoreContext context) {
        Serde<K> keys = givenKeySerde != null ? givenKeySerde : (Serde<K>) context.keySerde();
        Serde<V> values = valueSerdeFromDefault.apply(context.valueSerde());
        if (keys == null) {
            throw missing("key", StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG);
        }
        if (values == null) {
            throw missing("value", StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG);
        }
        keySerde = keys;
        valueSerde = values;
        topic = context.applicationId() + "-" + storeName + "-changelog";
    }

    private StreamsException missing(String what, String config) {
        return new StreamsException("state store '" + storeName + "' has no " + what + " serde and no default is configured:"
            + " pass serdes to the Stores builder, or set '" + config + "'");
    }

    /** @throws InvalidStateStoreException if the store has not been opened */
    void checkInitialized() {
        if (topic == null) {
            throw new InvalidStateStoreException("state store '" + storeName + "' is not open");
        }
    }

    /** @throws NullPointerException naming {@code what} if the key is {@code null} */
    Bytes keyBytes(K key, String what) {
        Objects.requireNonNull(key, () -> what + " of state store '" + storeName + "' must not be null");
        checkInitialized();
        return serializeKey(key);
    }

    /** @return the serialized bound, or {@code null} for an open one */
    Bytes boundBytes(K bound) {
        checkInitialized();
        return bound == null ? null : serializeKey(bound);
    }

    private Bytes serializeKey(K key) {
        byte[] bytes;
        try {
            bytes = keySerde.serializer().serialize(topic, key);
        } catch (RuntimeException e) {
            throw failure("serialize the key", key, keySerde, e);
        }
        if (bytes == null) {
            throw new StreamsException("state store '" + storeName + "': " + keySerde.getClass().getName()
                + " serialized a key of class " + key.getClass().getName() + " to null; store keys must not be null");
        }
        return Bytes.wrap(bytes);
    }

    byte[] valueBytes(V value) {
        if (value == null) {
            return null;
        }
        try {
            return valueSerde.serializer().serialize(topic, value);
        } catch (RuntimeException e) {
            throw failure("serialize the value", value, valueSerde, e);
        }
    }

    K key(Bytes bytes) {
        try {
            return keySerde.deserializer().deserialize(topic, bytes.get());
        } catch (RuntimeException e) {
            throw new StreamsException("state store '" + storeName + "' cannot deserialize a key with "
                + keySerde.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    V value(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return valueSerde.deserializer().deserialize(topic, bytes);
        } catch (RuntimeException e) {
            throw new StreamsException("state store '" + storeName + "' cannot deserialize a value with "
                + valueSerde.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    private StreamsException failure(String what, Object data, Object serde, RuntimeException e) {
        return new StreamsException("state store '" + storeName + "' cannot " + what + " of class " + data.getClass().getName()
            + " with " + serde.getClass().getName() + ": " + e.getMessage()
            + ". Check the serdes given to the Stores builder or the default serdes", e);
    }
}
