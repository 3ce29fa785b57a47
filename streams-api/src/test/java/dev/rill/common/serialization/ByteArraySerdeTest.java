package dev.rill.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteArraySerdeTest {

    private final ByteArraySerializer serializer = new ByteArraySerializer();
    private final ByteArrayDeserializer deserializer = new ByteArrayDeserializer();

    @Test
    void passesBytesThroughUnchanged() {
        byte[] bytes = {0, (byte) 0xFF, 42, -7};
        assertThat(serializer.serialize("t", bytes)).containsExactly(bytes);
        assertThat(deserializer.deserialize("t", bytes)).containsExactly(bytes);
    }

    @Test
    void doesNotCopy() {
        byte[] bytes = {1, 2, 3};
        assertThat(serializer.serialize("t", bytes)).isSameAs(bytes);
        assertThat(deserializer.deserialize("t", bytes)).isSameAs(bytes);
    }

    @Test
    void acceptsEmptyArrays() {
        assertThat(serializer.serialize("t", new byte[0])).isEmpty();
        assertThat(deserializer.deserialize("t", new byte[0])).isEmpty();
    }

    @Test
    void mapsNullToNullBothWays() {
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }
}
