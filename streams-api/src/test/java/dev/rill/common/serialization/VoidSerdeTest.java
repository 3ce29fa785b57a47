package dev.rill.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class VoidSerdeTest {

    private final VoidSerializer serializer = new VoidSerializer();
    private final VoidDeserializer deserializer = new VoidDeserializer();

    @Test
    void mapsNullToNullBothWays() {
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    @Test
    void deserializerRejectsAnyBytesEvenEmpty() {
        assertThatThrownBy(() -> deserializer.deserialize("audit", new byte[] {1, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessage("VoidDeserializer cannot read topic 'audit': expected null but got 2 bytes");
        assertThatThrownBy(() -> deserializer.deserialize("audit", new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("got 0 bytes");
    }

    @Test
    void serializerRejectsNonNullThroughARawReference() {
        @SuppressWarnings({"rawtypes", "unchecked"})
        Serializer<Object> raw = (Serializer) serializer;
        assertThatThrownBy(() -> raw.serialize("audit", "x")).isInstanceOf(ClassCastException.class);
    }
}
