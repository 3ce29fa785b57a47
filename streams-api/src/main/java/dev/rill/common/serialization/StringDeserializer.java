package dev.rill.common.serialization;

import dev.rill.annotation.Stable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Deserializes bytes into a {@link String} by decoding all of them in a character set, UTF-8 unless
 * configured otherwise; the inverse of {@link StringSerializer}.
 *
 * <p>The encoding is read in {@link #configure(Map, boolean)} from {@code key.deserializer.encoding} (for
 * keys) or {@code value.deserializer.encoding} (for values), falling back to
 * {@code deserializer.encoding}. Each may be a charset name or a {@link Charset}.
 *
 * <p>{@code null} bytes deserialize to {@code null}; an empty array to the empty string. Byte sequences
 * that are not valid in the encoding are decoded to U+FFFD rather than rejected, exactly as Kafka's
 * {@code StringDeserializer} does, so that one bad byte does not stop a stream.
 */
@Stable
public final class StringDeserializer implements Deserializer<String> {

    // Set only by configure(), which the runtime calls before the first record is handled.
    private Charset encoding = StandardCharsets.UTF_8;

    /** Creates a deserializer that reads UTF-8 until configured otherwise. */
    public StringDeserializer() {
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
     * Decodes the bytes.
     *
     * @param topic the topic the bytes were read from; not used
     * @param data the bytes, may be {@code null}
     * @return the decoded string, or {@code null} for {@code null} bytes
     */
    @Override
    public String deserialize(String topic, byte[] data) {
        return data == null ? null : new String(data, encoding);
    }

    /** @return the name of this class and the encoding in use */
    @Override
    public String toString() {
        return "StringDeserializer(" + encoding.name() + ")";
    }
}
