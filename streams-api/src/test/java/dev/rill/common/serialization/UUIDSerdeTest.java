package dev.rill.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.errors.SerializationException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UUIDSerdeTest {

    private static final String TEXT = "123e4567-e89b-12d3-a456-426614174000";

    private final UUIDSerializer serializer = new UUIDSerializer();
    private final UUIDDeserializer deserializer = new UUIDDeserializer();

    @Test
    void writesTheCanonical36CharacterStringInUtf8() {
        byte[] bytes = serializer.serialize("t", UUID.fromString(TEXT));
        assertThat(bytes).hasSize(36).containsExactly(TEXT.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void writesLowerCaseEvenWhenParsedFromUpperCase() {
        byte[] bytes = serializer.serialize("t", UUID.fromString(TEXT.toUpperCase()));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(TEXT);
    }

    @Test
    void roundTrips() {
        UUID id = UUID.randomUUID();
        assertThat(deserializer.deserialize("t", serializer.serialize("t", id))).isEqualTo(id);
        UUID extreme = new UUID(-1L, 0L);
        assertThat(deserializer.deserialize("t", serializer.serialize("t", extreme))).isEqualTo(extreme);
    }

    @Test
    void readsUpperCase() {
        assertThat(deserializer.deserialize("t", TEXT.toUpperCase().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(UUID.fromString(TEXT));
    }

    @Test
    void mapsNullToNullBothWays() {
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    @Test
    void rejectsNonUuidTextNamingTopicAndShowingThePayload() {
        assertThatThrownBy(() -> deserializer.deserialize("users", "not-a-uuid\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("UUIDDeserializer cannot read topic 'users': ")
                .hasMessageContaining("UUID")
                .hasMessageContaining("\"not-a-uuid\\n\"");
        assertThatThrownBy(() -> deserializer.deserialize("users", new byte[16]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'users'")
                .hasMessageContaining("16 bytes");
    }

    @Test
    void honoursTheEncodingSettings() {
        UUIDSerializer ser = new UUIDSerializer();
        ser.configure(Map.of("key.serializer.encoding", "UTF-16BE"), true);
        UUIDDeserializer deser = new UUIDDeserializer();
        deser.configure(Map.of("key.deserializer.encoding", "UTF-16BE"), true);
        byte[] bytes = ser.serialize("t", UUID.fromString(TEXT));
        assertThat(bytes).hasSize(72);
        assertThat(deser.deserialize("t", bytes)).isEqualTo(UUID.fromString(TEXT));
    }
}
