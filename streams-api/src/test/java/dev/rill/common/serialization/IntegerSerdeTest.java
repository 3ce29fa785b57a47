package dev.rill.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class IntegerSerdeTest {

    private final IntegerSerializer serializer = new IntegerSerializer();
    private final IntegerDeserializer deserializer = new IntegerDeserializer();

    @Test
    void writesFourBigEndianBytes() {
        assertThat(serializer.serialize("t", 1)).containsExactly(0, 0, 0, 1);
        assertThat(serializer.serialize("t", 0x01020304)).containsExactly(1, 2, 3, 4);
        assertThat(serializer.serialize("t", -1)).containsExactly(0xFF, 0xFF, 0xFF, 0xFF);
        assertThat(serializer.serialize("t", Integer.MIN_VALUE)).containsExactly(0x80, 0, 0, 0);
    }

    @Test
    void readsFourBigEndianBytes() {
        assertThat(deserializer.deserialize("t", new byte[] {1, 2, 3, 4})).isEqualTo(0x01020304);
        assertThat(deserializer.deserialize("t", new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE}))
                .isEqualTo(-2);
    }

    @Test
    void roundTripsExtremes() {
        for (int v : new int[] {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 128, -129}) {
            assertThat(deserializer.deserialize("t", serializer.serialize("t", v))).isEqualTo(v);
        }
    }

    @Test
    void mapsNullToNullBothWays() {
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    @Test
    void rejectsWrongSizeNamingDeserializerTopicAndSizes() {
        assertThatThrownBy(() -> deserializer.deserialize("counts", new byte[8]))
                .isInstanceOf(SerializationException.class)
                .hasMessage("IntegerDeserializer cannot read topic 'counts': expected 4 bytes but got 8");
        assertThatThrownBy(() -> deserializer.deserialize("counts", new byte[0]))
                .hasMessageContaining("expected 4 bytes but got 0");
    }
}
