package dev.rill.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DoubleSerdeTest {

    private final DoubleSerializer serializer = new DoubleSerializer();
    private final DoubleDeserializer deserializer = new DoubleDeserializer();

    @Test
    void writesIeee754BitsBigEndian() {
        assertThat(serializer.serialize("t", 1.0)).containsExactly(0x3F, 0xF0, 0, 0, 0, 0, 0, 0);
        assertThat(serializer.serialize("t", -2.5)).containsExactly(0xC0, 0x04, 0, 0, 0, 0, 0, 0);
        assertThat(serializer.serialize("t", 0.0)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(serializer.serialize("t", -0.0)).containsExactly(0x80, 0, 0, 0, 0, 0, 0, 0);
        assertThat(serializer.serialize("t", Double.POSITIVE_INFINITY)).containsExactly(0x7F, 0xF0, 0, 0, 0, 0, 0, 0);
        assertThat(serializer.serialize("t", Double.NEGATIVE_INFINITY)).containsExactly(0xFF, 0xF0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void everyNanIsWrittenAsTheCanonicalNan() {
        double otherNan = Double.longBitsToDouble(0x7FF0_0000_0000_0001L);
        assertThat(otherNan).isNaN();
        assertThat(serializer.serialize("t", otherNan)).containsExactly(0x7F, 0xF8, 0, 0, 0, 0, 0, 0);
        assertThat(serializer.serialize("t", Double.NaN)).containsExactly(0x7F, 0xF8, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void roundTripsSpecialValuesByBits() {
        for (double v : new double[] {0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Math.PI}) {
            Double back = deserializer.deserialize("t", serializer.serialize("t", v));
            assertThat(Double.doubleToRawLongBits(back)).isEqualTo(Double.doubleToRawLongBits(v));
        }
    }

    @Test
    void mapsNullToNullBothWays() {
        assertThat(serializer.serialize("t", null)).isNull();
        assertThat(deserializer.deserialize("t", null)).isNull();
    }

    @Test
    void rejectsWrongSizeNamingDeserializerTopicAndSizes() {
        assertThatThrownBy(() -> deserializer.deserialize("prices", new byte[4]))
                .isInstanceOf(SerializationException.class)
                .hasMessage("DoubleDeserializer cannot read topic 'prices': expected 8 bytes but got 4");
    }
}
