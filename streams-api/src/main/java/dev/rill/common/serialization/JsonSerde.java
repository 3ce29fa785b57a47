package dev.rill.common.serialization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.annotation.Stable;
import java.util.Objects;

/**
 * A serde for any Jackson-mappable type, including Java records: values travel as JSON documents in
 * UTF-8 bytes. It pairs a {@link JsonSerializer} and a {@link JsonDeserializer} that share one
 * {@link ObjectMapper}. {@code null} maps to {@code null} both ways.
 *
 * <p>The {@link #JsonSerde(Class) one-argument constructor} gives this serde its own plain
 * {@code new ObjectMapper()} with
 * {@link DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES} turned off, so that JSON properties the class
 * lacks are ignored. It does <em>not</em> call {@code findAndRegisterModules()}: classpath scanning would
 * make the wire format depend on which jars happen to be present. To handle types that need a module
 * (such as {@code java.time} types), or to change any other setting, pass a mapper to
 * {@link #JsonSerde(Class, ObjectMapper)}.
 *
 * <p>Errors are {@link dev.rill.common.errors.SerializationException}s: see
 * {@link JsonSerializer#serialize(String, Object)} and {@link JsonDeserializer#deserialize(String, byte[])}.
 *
 * @param <T> the type handled
 */
@Stable
public final class JsonSerde<T> implements Serde<T> {

    private final Class<T> type;
    private final JsonSerializer<T> serializer;
    private final JsonDeserializer<T> deserializer;

    /**
     * Creates a serde with a default mapper, as described in the class documentation.
     *
     * @param type the class of the values handled
     * @throws NullPointerException if {@code type} is {@code null}
     */
    public JsonSerde(Class<T> type) {
        this(type, defaultMapper());
    }

    /**
     * Creates a serde that uses the given mapper for both directions.
     *
     * @param type the class of the values handled
     * @param mapper the Jackson mapper; not copied, so do not reconfigure it afterwards
     * @throws NullPointerException if {@code type} or {@code mapper} is {@code null}
     */
    public JsonSerde(Class<T> type, ObjectMapper mapper) {
        this.type = Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(mapper, "mapper must not be null");
        this.serializer = new JsonSerializer<>(type, mapper);
        this.deserializer = new JsonDeserializer<>(type, mapper);
    }

    /** @return the JSON serializer; the same instance on every call */
    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    /** @return the JSON deserializer; the same instance on every call */
    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    /** @return the name of this class and the type it handles, e.g. {@code JsonSerde(com.example.Order)} */
    @Override
    public String toString() {
        return "JsonSerde(" + type.getName() + ")";
    }

    /** A fresh mapper per caller: a shared one could be reconfigured by one user under another's feet. */
    static ObjectMapper defaultMapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
