package dev.rill.common.serialization;

import dev.rill.annotation.Stable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Deserializes the text form of a UUID, decoded as UTF-8 unless configured otherwise, into a
 * {@link UUID}; the inverse of {@link UUIDSerializer} and of Kafka's {@code UUIDSerializer}. The text is
 * parsed with {@link UUID#fromString(String)}, so it accepts exactly what Kafka's deserializer accepts:
 * the canonical 36-character form in either letter case, and the abbreviated forms that method
 * tolerates. {@code null} bytes deserialize to {@code null}.
 *
 * <p>Like {@link StringDeserializer}, the encoding is read in {@link #configure(Map, boolean)} from
 * {@code key.deserializer.encoding} or {@code value.deserializer.encoding}, falling back to
 * {@code deserializer.encoding}.
 */
@Stable
public final class UUIDDeserializer implements Deserializer<UUID> {

    // Set only by configure(), which the runtime calls before the first record is handled.
    private Charset encoding = StandardCharsets.UTF_8;

    /** Creates a deserializer that reads UTF-8 until configured otherwise. */
    public UUIDDeserializer() {
    }

    /**
     * Picks the encoding from the configuration, if one of the encoding settings is present.
     *
     * @param configs the application's configuration
     * @param isKey whether this deserializer is used for keys
     * @throws dev.rill.common.errors.ConfigException if the setting names no supported character set or
     *     is neither a {@code String} nor a {@link Charset}
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = SerdeSupport.encoding(configs, isKey, "deserializer", encoding);
    }

    /**
     * Parses the UUID's string form.
     *
     * @param topic the topic the bytes were read from; named in the error message
     * @param data the bytes, may be {@code null}
     * @return the UUID, or {@code null} for {@code null} bytes
     * @throws dev.rill.common.errors.SerializationException if the bytes are not the string form of a
     *     UUID; the message includes a short, escaped preview of them
     */
    @Override
    public UUID deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return UUID.fromString(new String(data, encoding));
        } catch (IllegalArgumentException e) {
            throw SerdeSupport.unreadable("UUIDDeserializer", topic,
                    "expected the 36-character string form of a UUID (like 123e4567-e89b-12d3-a456-426614174000) "
                            + "but got " + data.length + " bytes: \"" + SerdeSupport.preview(data) + "\"", e);
        }
    }
}
