package dev.rill.common.serialization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.rill.annotation.Stable;
import dev.rill.common.errors.SerializationException;
import java.util.Objects;

/**
 * Serializes a value of type {@code T} as a JSON document in UTF-8 bytes, using Jackson. The value's
 * runtime class decides which properties are written, so a subclass's extra properties are included. A
 * {@code null} value serializes to {@code null} (a tombstone), not to the JSON text {@code null}.
 *
 * <p>The {@link #JsonSerializer(Class) one-argument constructor} uses its own {@code new ObjectMapper()}
 * with {@link com.fasterxml.jackson.databind.DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES} turned
 * off and no extra modules registered ({@code findAndRegisterModules()} is not called): types such as
 * {@code java.time.Instant} then need a mapper of your own, passed to
 * {@link #JsonSerializer(Class, ObjectMapper)}, with the module (here {@code jackson-datatype-jsr310})
 * registered. Java records work with either constructor.
 *
 * <p>Thread-safe once constructed, provided the mapper is not reconfigured afterwards.
 *
 * @param <T> the type serialized
 */
@Stable
public final class JsonSerializer<T> implements Serializer<T> {

    private final Class<T> type;
    private final ObjectWriter writer;

    /**
     * Creates a serializer with a default mapper, as described in the class documentation.
     *
     * @param type the class of the values serialized
     * @throws NullPointerException if {@code type} is {@code null}
     */
    public JsonSerializer(Class<T> type) {
        this(type, JsonSerde.defaultMapper());
    }

    /**
     * Creates a serializer that uses the given mapper, with all of its configuration and modules.
     *
     * @param type the class of the values serialized
     * @param mapper the Jackson mapper to write with; not copied, so do not reconfigure it afterwards
     * @throws NullPointerException if {@code type} or {@code mapper} is {@code null}
     */
    public JsonSerializer(Class<T> type, ObjectMapper mapper) {
        this.type = Objects.requireNonNull(type, "type must not be null");
        this.writer = Objects.requireNonNull(mapper, "mapper must not be null").writer();
    }

    /**
     * Writes the value as UTF-8 JSON.
     *
     * @param topic the topic the bytes are written to; named in the error message
     * @param data the value, may be {@code null}
     * @return the JSON document's UTF-8 bytes, or {@code null} for a {@code null} value
     * @throws ClassCastException if {@code data} is not an instance of the configured type (possible
     *     only through a raw or unchecked reference)
     * @throws SerializationException if Jackson cannot write the value, for example because it has no
     *     serializable properties, holds a type no registered module handles, or nests too deeply; the
     *     message names the value's class
     */
    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        // Erasure removes the cast the compiler would insert elsewhere; restoring it gives the same
        // ClassCastException every other serializer throws for a wrong-typed value.
        type.cast(data);
        try {
            return writer.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new SerializationException("JsonSerializer cannot write a value of class "
                    + data.getClass().getName() + " to topic '" + topic + "': " + e.getOriginalMessage(), e);
        }
    }

    /** @return the name of this class and the type it writes */
    @Override
    public String toString() {
        return "JsonSerializer(" + type.getName() + ")";
    }
}
