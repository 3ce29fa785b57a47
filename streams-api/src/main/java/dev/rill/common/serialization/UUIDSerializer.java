package dev.rill.common.serialization;

import dev.rill.annotation.Stable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Serializes a {@link UUID} as the text of its canonical form, {@link UUID#toString()} (36 characters:
 * lower-case hex digits in groups of 8-4-4-4-12 separated by hyphens), encoded in UTF-8 unless
 * configured otherwise. This is the same format as Kafka's {@code UUIDSerializer}: 36 bytes in UTF-8,
 * with no length prefix. A {@code null} UUID serializes to {@code null}.
 *
 * <p>Like {@link StringSerializer}, the encoding is read in {@link #configure(Map, boolean)} from
 * {@code key.serializer.encoding} or {@code value.serializer.encoding}, falling back to
 * {@code serializer.encoding}.
 */
@Stable
public final class UUIDSerializer implements Serializer<UUID> {

    // Set only by configure(), which the runtime calls before the first record is handled.
    private Charset encoding = StandardCharsets.UTF_8;

    /** Creates a serializer that writes UTF-8 until configured otherwise. */
    public UUIDSerializer() {
    }

    /**
     * Picks the encoding from the configuration, if one of the encoding settings is present.
     *
     * @param configs the application's configuration
     * @param isKey whether this serializer is used for keys
     * @throws dev.rill.common.errors.ConfigException if the setting names no supported character set or
     *     is neither a {@code String} nor a {@link Charset}
     */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        encoding = SerdeSupport.encoding(configs, isKey, "serializer", encoding);
    }

    /**
     * Writes the UUID's canonical string form.
     *
     * @param topic the topic the bytes are written to; not used
     * @param data the UUID, may be {@code null}
     * @return the encoded 36-character string, or {@code null} for a {@code null} UUID
     */
    @Override
    public byte[] serialize(String topic, UUID data) {
        return data == null ? null : data.toString().getBytes(encoding);
    }
}
