package dev.rill.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class LongSerdeTest {

    private final LongSerializer serializer = new LongSerializer();
    private final LongDeserializer deserializer = new LongDeserializer();

    @Test
    void writesEightBigEndianBytes() {
        assertThat(serializer.serialize("t", 1L)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(serializer.serialize("t", 0x0102030405060708L)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(serializer.serialize("t", -1L)).containsExactly(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);
        assertThat(serializer.serialize("t", Long.MIN_VALUE)).containsExactly(0x80, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void readsEightBigEndianBytes() {
        assertThat(deserializer.deserialize("t", new byte[] {1, 2, 3, 4, 5, 6, 7, 8})).isEqualTo(0x0102030405060708L);
        assertThat(deserializer.deserialize("t", new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x80})).isEqualTo(-128L);
    }

    @Test
    void roundTripsExtremes() {
        for (long v : new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 255, 256, -256}) {
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
        assertThatThrownBy(() -> deserializer.deserialize("clicks", new byte[3]))
                .isInstanceOf(SerializationException.class)
                .hasMessage("LongDeserializer cannot read topic 'clicks': expected 8 bytes but got 3");
        assertThatThrownBy(() -> deserializer.deserialize("clicks", new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("expected 8 bytes but got 0");
        assertThatThrownBy(() -> deserializer.deserialize("clicks", new byte[9]))
                .hasMessageContaining("expected 8 bytes but got 9");
    }

    @Test
    void wrongTypeThroughARawReferenceIsAClassCastException() {
        @SuppressWarnings({"rawtypes", "unchecked"})
        Serializer<Object> raw = (Serializer) serializer;
        assertThatThrownBy(() -> raw.serialize("t", "not a long")).isInstanceOf(ClassCastException.class);
    }
}
