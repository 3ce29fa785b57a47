package dev.rill.common.serialization;

import dev.rill.annotation.Stable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serializes a {@link String} as its bytes in a character set, UTF-8 unless configured otherwise. The
 * bytes carry no length prefix or terminator, so they are identical to Kafka's {@code StringSerializer}
 * output for the same encoding.
 *
 * <p>The encoding is read in {@link #configure(Map, boolean)} from {@code key.serializer.encoding} (for
 * keys) or {@code value.serializer.encoding} (for values), falling back to {@code serializer.encoding}.
 * Each may be a charset name or a {@link Charset}.
 *
 * <p>A {@code null} string serializes to {@code null}. Characters the encoding cannot represent are
 * replaced by the encoding's replacement byte(s), as {@link String#getBytes(Charset)} does.
 */
@Stable
public final class StringSerializer implements Serializer<String> {

    // Set only by configure(), which the runtime calls before the first record is handled.
    private Charset encoding = StandardCharsets.UTF_8;

    /** Creates a serializer that writes UTF-8 until configured otherwise. */
    public StringSerializer() {
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
     * Encodes the string.
     *
     * @param topic the topic the bytes are written to; not used
     * @param data the string, may be {@code null}
     * @return the encoded characters, or {@code null} for a {@code null} string
     */
    @Override
    public byte[] serialize(String topic, String data) {
        return data == null ? null : data.getBytes(encoding);
    }

    /** @return the name of this class and the encoding in use */
    @Override
    public String toString() {
        return "StringSerializer(" + encoding.name() + ")";
    }
}
