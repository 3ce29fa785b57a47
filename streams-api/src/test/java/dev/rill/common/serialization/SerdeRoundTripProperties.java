package dev.rill.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SerdeRoundTripProperties {

    private static final String TOPIC = "prop";

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, value));
    }

    @Property
    void stringsRoundTrip(@ForAll("unicodeStrings") String s) {
        assertThat(roundTrip(Serdes.String(), s)).isEqualTo(s);
        assertThat(Serdes.String().serializer().serialize(TOPIC, s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> unicodeStrings() {
        // Any code point except unpaired surrogates, which no UTF encoding can represent.
        Arbitrary<String> anyCodePoints = Arbitraries.integers()
                .between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(40)
                .map(cps -> cps.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString());
        return Arbitraries.oneOf(Arbitraries.strings().all().filter(SerdeRoundTripProperties::wellFormed),
                anyCodePoints);
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Property
    void longsRoundTripAsEightBigEndianBytes(@ForAll long v) {
        assertThat(roundTrip(Serdes.Long(), v)).isEqualTo(v);
        assertThat(Serdes.Long().serializer().serialize(TOPIC, v))
                .isEqualTo(ByteBuffer.allocate(8).putLong(v).array());
    }

    @Property
    void intsRoundTripAsFourBigEndianBytes(@ForAll int v) {
        assertThat(roundTrip(Serdes.Integer(), v)).isEqualTo(v);
        assertThat(Serdes.Integer().serializer().serialize(TOPIC, v))
                .isEqualTo(ByteBuffer.allocate(4).putInt(v).array());
    }

    @Property
    void doublesRoundTripByBits(@ForAll("anyDoubles") double v) {
        Double back = roundTrip(Serdes.Double(), v);
        // Every NaN comes back as the canonical NaN; everything else, -0.0 included, comes back bit for bit.
        assertThat(Double.doubleToLongBits(back)).isEqualTo(Double.doubleToLongBits(v));
        if (!Double.isNaN(v)) {
            assertThat(Double.doubleToRawLongBits(back)).isEqualTo(Double.doubleToRawLongBits(v));
        }
        assertThat(Serdes.Double().serializer().serialize(TOPIC, v))
                .isEqualTo(ByteBuffer.allocate(8).putLong(Double.doubleToLongBits(v)).array());
    }

    @Provide
    Arbitrary<Double> anyDoubles() {
        // Drawing raw bit patterns reaches NaN payloads, subnormals and both zeros, which
        // Arbitraries.doubles() rarely or never produces.
        Arbitrary<Double> fromBits = Arbitraries.longs().map(Double::longBitsToDouble);
        Arbitrary<Double> specials = Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL,
                Double.longBitsToDouble(0x7FF0_0000_0000_0001L), Double.longBitsToDouble(0xFFFF_FFFF_FFFF_FFFFL));
        return Arbitraries.oneOf(fromBits, specials, Arbitraries.doubles());
    }

    @Property
    void byteArraysRoundTrip(@ForAll byte[] bytes) {
        assertThat(roundTrip(Serdes.ByteArray(), bytes)).isEqualTo(bytes);
    }

    @Property
    void uuidsRoundTripAsTheirCanonicalText(@ForAll long most, @ForAll long least) {
        UUID id = new UUID(most, least);
        assertThat(roundTrip(Serdes.UUID(), id)).isEqualTo(id);
        byte[] bytes = Serdes.UUID().serializer().serialize(TOPIC, id);
        assertThat(bytes).hasSize(36).isEqualTo(id.toString().getBytes(StandardCharsets.UTF_8));
    }
}
