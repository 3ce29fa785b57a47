package dev.rill.common.serialization;

import dev.rill.annotation.Internal;
import dev.rill.common.errors.ConfigException;
import dev.rill.common.errors.SerializationException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;

/**
 * Shared plumbing for the built-in serializers and deserializers, so that every one of them words its
 * errors the same way and reads its configuration the same way. Not part of the API.
 */
@Internal
final class SerdeSupport {

    /** The longest payload preview, in characters, that an error message may carry. */
    static final int PREVIEW_CHARS = 64;

    private SerdeSupport() {
    }

    /**
     * Builds the error a deserializer throws for bytes it cannot read.
     *
     * @param deserializer the deserializer's simple name, e.g. {@code LongDeserializer}
     * @param topic the topic the bytes came from
     * @param problem what was wrong with the bytes
     * @param cause the underlying failure, or {@code null}
     * @return the exception to throw
     */
    static SerializationException unreadable(String deserializer, String topic, String problem, Throwable cause) {
        String message = deserializer + " cannot read topic '" + topic + "': " + problem;
        return cause == null ? new SerializationException(message) : new SerializationException(message, cause);
    }

    /**
     * Checks the length of a fixed-width payload.
     *
     * @throws SerializationException if {@code data.length != expected}
     */
    static void requireSize(String deserializer, String topic, byte[] data, int expected) {
        if (data.length != expected) {
            throw unreadable(deserializer, topic,
                    "expected " + expected + " bytes but got " + data.length, null);
        }
    }

    /**
     * Resolves the character set a string-based serializer or deserializer should use, from the
     * key- or value-specific setting first and the shared setting second, as Kafka does.
     *
     * @param configs the configuration passed to {@code configure}
     * @param isKey whether the caller handles keys
     * @param role {@code "serializer"} or {@code "deserializer"}
     * @param current the charset to keep when neither setting is present
     * @return the charset to use
     * @throws ConfigException if a setting is present but names no supported charset, or is neither a
     *     {@code String} nor a {@link Charset}
     */
    static Charset encoding(Map<String, ?> configs, boolean isKey, String role, Charset current) {
        if (configs == null) {
            return current;
        }
        String specific = (isKey ? "key." : "value.") + role + ".encoding";
        String shared = role + ".encoding";
        String key = specific;
        Object value = configs.get(specific);
        if (value == null) {
            key = shared;
            value = configs.get(shared);
        }
        if (value == null) {
            return current;
        }
        // Accepting a Charset as well as its name costs nothing and saves programmatic users a lookup.
        if (value instanceof Charset charset) {
            return charset;
        }
        if (value instanceof String name) {
            try {
                return Charset.forName(name.trim());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new ConfigException("Invalid value '" + name + "' for setting '" + key
                        + "': not a character set this JVM supports (for example UTF-8, UTF-16, ISO-8859-1)", e);
            }
        }
        throw new ConfigException("Invalid value of type " + value.getClass().getName() + " for setting '" + key
                + "': expected a character set name (String) or a java.nio.charset.Charset");
    }

    /**
     * Renders the start of a payload for an error message: decoded as UTF-8 (undecodable bytes become
     * U+FFFD), with quotes, backslashes, control and other invisible characters escaped, and cut to at
     * most {@link #PREVIEW_CHARS} characters including a trailing {@code ...} when shortened. Escaping
     * keeps a binary payload from mangling log lines or terminals.
     *
     * @param data the payload; not {@code null}
     * @return the preview, without surrounding quotes
     */
    static String preview(byte[] data) {
        // Decoding only a prefix bounds the cost for multi-megabyte payloads; a character split at the
        // cut just shows up as U+FFFD and is cut off anyway.
        int prefix = Math.min(data.length, PREVIEW_CHARS * 4);
        return escapeAndCut(new String(data, 0, prefix, StandardCharsets.UTF_8), PREVIEW_CHARS,
                prefix < data.length);
    }

    /**
     * Escapes text that may echo payload content (such as a parser's error message) and cuts it to at
     * most {@code maxChars} characters, like {@link #preview(byte[])}.
     *
     * @param text the text; not {@code null}
     * @param maxChars the longest result, at least 3
     * @return the escaped, possibly shortened text
     */
    static String abbreviate(String text, int maxChars) {
        return escapeAndCut(text, maxChars, false);
    }

    private static String escapeAndCut(String text, int maxChars, boolean moreFollows) {
        StringBuilder out = new StringBuilder(maxChars + 12);
        int fitsWithEllipsis = 0;
        boolean complete = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            out.append(escape(cp));
            if (out.length() <= maxChars - 3) {
                fitsWithEllipsis = out.length();
            }
            if (out.length() > maxChars) {
                complete = false;
                break;
            }
        }
        if (complete && !moreFollows) {
            return out.toString();
        }
        // Cut at a boundary between escapes so that no escape sequence is left half-written.
        out.setLength(fitsWithEllipsis);
        return out.append("...").toString();
    }

    private static String escape(int cp) {
        switch (cp) {
            case '"':
                return "\\\"";
            case '\\':
                return "\\\\";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        int type = Character.getType(cp);
        boolean invisible = type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.UNASSIGNED
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
        if (!invisible) {
            return new String(Character.toChars(cp));
        }
        StringBuilder escaped = new StringBuilder(12);
        for (char c : Character.toChars(cp)) {
            escaped.append(String.format("\\u%04x", (int) c));
        }
        return escaped.toString();
    }
}
