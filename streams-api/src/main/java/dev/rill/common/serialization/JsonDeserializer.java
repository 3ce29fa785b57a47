package dev.rill.common.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.rill.annotation.Stable;
import java.io.IOException;
import java.util.Objects;

/**
 * Deserializes UTF-8 JSON bytes (or any encoding Jackson detects: UTF-16 and UTF-32 too) into a value of
 * type {@code T}, using Jackson; the inverse of {@link JsonSerializer}. {@code null} bytes, and the JSON
 * text {@code null}, deserialize to {@code null}.
 *
 * <p>The {@link #JsonDeserializer(Class) one-argument constructor} uses its own
 * {@code new ObjectMapper()} with
 * {@link com.fasterxml.jackson.databind.DeserializationFeature#FAIL_ON_UNKNOWN_PROPERTIES} turned off
 * and no extra modules registered ({@code findAndRegisterModules()} is not called). Properties in the
 * JSON that {@code T} lacks are therefore ignored, and properties {@code T} has that the JSON
 * lacks are left at {@code null} (or {@code 0}/{@code false} for primitives), which lets producers and
 * consumers evolve the type at different times. Java records work as {@code T}. Pass your own mapper to
 * {@link #JsonDeserializer(Class, ObjectMapper)} to change any of this.
 *
 * <p>Thread-safe once constructed, provided the mapper is not reconfigured afterwards.
 *
 * @param <T> the type deserialized
 */
@Stable
public final class JsonDeserializer<T> implements Deserializer<T> {

    private static final int MAX_REASON_CHARS = 160;

    private final Class<T> type;
    private final ObjectReader reader;

    /**
     * Creates a deserializer with a default mapper, as described in the class documentation.
     *
     * @param type the class to read the JSON as
     * @throws NullPointerException if {@code type} is {@code null}
     */
    public JsonDeserializer(Class<T> type) {
        this(type, JsonSerde.defaultMapper());
    }

    /**
     * Creates a deserializer that uses the given mapper, with all of its configuration and modules.
     *
     * @param type the class to read the JSON as
     * @param mapper the Jackson mapper to read with; not copied, so do not reconfigure it afterwards
     * @throws NullPointerException if {@code type} or {@code mapper} is {@code null}
     */
    public JsonDeserializer(Class<T> type, ObjectMapper mapper) {
        this.type = Objects.requireNonNull(type, "type must not be null");
        this.reader = Objects.requireNonNull(mapper, "mapper must not be null").readerFor(type);
    }

    /**
     * Reads the JSON document.
     *
     * @param topic the topic the bytes were read from; named in the error message
     * @param data the bytes, may be {@code null}
     * @return the value, or {@code null} for {@code null} bytes or the JSON text {@code null}
     * @throws dev.rill.common.errors.SerializationException if the bytes are empty, are not JSON, or do not
     *     fit {@code T}; the message names {@code T}, the topic, what Jackson objected to, and an escaped
     *     preview of at most 64 characters of the payload
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return reader.readValue(data);
        } catch (IOException e) {
            throw SerdeSupport.unreadable("JsonDeserializer", topic,
                    "payload is not a valid " + type.getName() + " (" + shortReason(e) + "); "
                            + data.length + " bytes: \"" + SerdeSupport.preview(data) + "\"", e);
        }
    }

    /** @return the name of this class and the type it reads */
    @Override
    public String toString() {
        return "JsonDeserializer(" + type.getName() + ")";
    }

    private static String shortReason(IOException e) {
        // Jackson's full message adds a multi-line source location; its original message is the reason.
        // That reason can quote a long stretch of the payload (an unrecognised token, say), so it is
        // escaped and cut like the preview to keep one bad record from flooding the log.
        String reason = e instanceof com.fasterxml.jackson.core.JacksonException je
                ? je.getOriginalMessage()
                : e.getMessage();
        if (reason == null) {
            return e.getClass().getSimpleName();
        }
        int newline = reason.indexOf('\n');
        return SerdeSupport.abbreviate(newline < 0 ? reason : reason.substring(0, newline), MAX_REASON_CHARS);
    }
}
