package dev.rill.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.errors.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StringSerdeTest {

    private final StringSerializer serializer = new StringSerializer();
    private final StringDeserializer deserializer = new StringDeserializer();

    @Test
    void writesUtf8ByDefault() {
        assertThat(serializer.serialize("t", "héllo €")).containsExactly(
                'h', 0xC3, 0xA9, 'l', 'l', 'o', ' ', 0xE2, 0x82, 0xAC);
        assertThat(serializer.serialize("t", "")).isEmpty();
    }

    @Test
    void roundTripsUnicodeIncludingSupplementaryCharacters() {
        String text = "naïve 日本語 \uD83D\uDE00 \u0000 end";
        assertThat(deserializer.deserialize("t", serializer.serialize("t", text))).isEqualTo(text);
    }

    @Test
    void mapsNullToNullBothWays() {
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    @Test
    void emptyBytesAreTheEmptyString() {
        assertThat(deserializer.deserialize("t", new byte[0])).isEmpty();
    }

    @Test
    void invalidUtf8IsReplacedRatherThanRejected() {
        assertThat(deserializer.deserialize("t", new byte[] {'a', (byte) 0xFF, 'b'})).isEqualTo("a\uFFFDb");
    }

    @Test
    void keyAndValueSpecificEncodingsWin() {
        StringSerializer keySer = new StringSerializer();
        keySer.configure(Map.of("key.serializer.encoding", "UTF-16BE", "serializer.encoding", "ISO-8859-1"), true);
        assertThat(keySer.serialize("t", "A")).containsExactly(0, 'A');

        StringSerializer valueSer = new StringSerializer();
        valueSer.configure(Map.of("key.serializer.encoding", "UTF-16BE", "serializer.encoding", "ISO-8859-1"), false);
        assertThat(valueSer.serialize("t", "é")).containsExactly(0xE9);

        StringDeserializer valueDeser = new StringDeserializer();
        valueDeser.configure(Map.of("value.deserializer.encoding", "UTF-16BE"), false);
        assertThat(valueDeser.deserialize("t", new byte[] {0, 'A'})).isEqualTo("A");

        StringDeserializer sharedDeser = new StringDeserializer();
        sharedDeser.configure(Map.of("deserializer.encoding", StandardCharsets.ISO_8859_1), true);
        assertThat(sharedDeser.deserialize("t", new byte[] {(byte) 0xE9})).isEqualTo("é");
    }

    @Test
    void serializerSettingsDoNotAffectTheDeserializer() {
        StringDeserializer deser = new StringDeserializer();
        deser.configure(Map.of("value.serializer.encoding", "UTF-16BE"), false);
        assertThat(deser.deserialize("t", "é".getBytes(StandardCharsets.UTF_8))).isEqualTo("é");
    }

    @Test
    void unknownEncodingIsAConfigErrorNamingTheSetting() {
        assertThatThrownBy(() -> serializer.configure(Map.of("value.serializer.encoding", "no-such-charset"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.serializer.encoding")
                .hasMessageContaining("no-such-charset");
        assertThatThrownBy(() -> deserializer.configure(Map.of("deserializer.encoding", 42), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("deserializer.encoding")
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    void serdeConfigureReachesBothHalves() {
        Serde<String> serde = Serdes.String();
        serde.configure(Map.of("serializer.encoding", "UTF-16BE", "deserializer.encoding", "UTF-16BE"), false);
        byte[] bytes = serde.serializer().serialize("t", "hi");
        assertThat(bytes).containsExactly(0, 'h', 0, 'i');
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo("hi");
    }
}
