package dev.rill.common.serialization;

import dev.rill.annotation.Stable;
import java.io.Closeable;
import java.util.Map;

/**
 * A matching {@link Serializer} and {@link Deserializer} for one type. {@link Serdes} has the standard
 * ones.
 *
 * @param <T> the type handled
 */
@Stable
public interface Serde<T> extends Closeable {

    /**
     * Configures both halves before first use. The default forwards to the serializer and deserializer.
     *
     * @param configs the application's configuration
     * @param isKey whether this serde is used for keys
     */
    default void configure(Map<String, ?> configs, boolean isKey) {
        serializer().configure(configs, isKey);
        deserializer().configure(configs, isKey);
    }

    /** Closes both halves. */
    @Override
    default void close() {
        serializer().close();
        deserializer().close();
    }

    /** @return the serializer; the same instance on every call */
    Serializer<T> serializer();

    /** @return the deserializer; the same instance on every call */
    Deserializer<T> deserializer();
}
