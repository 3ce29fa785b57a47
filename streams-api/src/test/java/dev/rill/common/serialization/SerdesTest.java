package dev.rill.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SerdesTest {

    @Test
    void factoriesReturnTheNamedSerdes() {
        assertThat(Serdes.String()).isInstanceOf(Serdes.StringSerde.class);
        assertThat(Serdes.Long()).isInstanceOf(Serdes.LongSerde.class);
        assertThat(Serdes.Integer()).isInstanceOf(Serdes.IntegerSerde.class);
        assertThat(Serdes.Double()).isInstanceOf(Serdes.DoubleSerde.class);
        assertThat(Serdes.ByteArray()).isInstanceOf(Serdes.ByteArraySerde.class);
        assertThat(Serdes.UUID()).isInstanceOf(Serdes.UUIDSerde.class);
        assertThat(Serdes.Void()).isInstanceOf(Serdes.VoidSerde.class);
        assertThat(Serdes.Json(String.class)).isInstanceOf(JsonSerde.class);
    }

    @Test
    void builtInSerdesUseTheStandardHalves() {
        assertThat(Serdes.Long().serializer()).isInstanceOf(LongSerializer.class);
        assertThat(Serdes.Long().deserializer()).isInstanceOf(LongDeserializer.class);
        assertThat(Serdes.UUID().serializer()).isInstanceOf(UUIDSerializer.class);
        assertThat(Serdes.Void().deserializer()).isInstanceOf(VoidDeserializer.class);
    }

    @Test
    void serializerAndDeserializerAreTheSameInstanceOnEveryCall() {
        Serde<Long> serde = Serdes.Long();
        assertThat(serde.serializer()).isSameAs(serde.serializer());
        assertThat(serde.deserializer()).isSameAs(serde.deserializer());
    }

    @Test
    void nestedSerdesCanBeInstantiatedByConfiguredClassName() throws Exception {
        Object serde = Class.forName("dev.rill.common.serialization.Serdes$StringSerde")
                .getConstructor().newInstance();
        assertThat(serde).isInstanceOf(Serde.class);
        @SuppressWarnings("unchecked")
        Serde<String> strings = (Serde<String>) serde;
        assertThat(strings.deserializer().deserialize("t", strings.serializer().serialize("t", "x"))).isEqualTo("x");
        for (String name : List.of("LongSerde", "IntegerSerde", "DoubleSerde", "ByteArraySerde", "UUIDSerde",
                "VoidSerde")) {
            assertThat(Class.forName("dev.rill.common.serialization.Serdes$" + name).getConstructor().newInstance())
                    .isInstanceOf(Serdes.WrapperSerde.class);
        }
    }

    @Test
    void toStringNamesTheSerde() {
        assertThat(new Serdes.StringSerde()).hasToString("Serdes.StringSerde");
        assertThat(Serdes.UUID()).hasToString("Serdes.UUIDSerde");
        assertThat(Serdes.serdeFrom(new LongSerializer(), new LongDeserializer()))
                .hasToString("Serdes.WrapperSerde(LongSerializer, LongDeserializer)");
        assertThat(Serdes.Json(Order.class)).hasToString("JsonSerde(" + Order.class.getName() + ")");
    }

    @Test
    void serdeFromPairsTheGivenHalves() {
        LongSerializer ser = new LongSerializer();
        LongDeserializer deser = new LongDeserializer();
        Serde<Long> serde = Serdes.serdeFrom(ser, deser);
        assertThat(serde.serializer()).isSameAs(ser);
        assertThat(serde.deserializer()).isSameAs(deser);
    }

    @Test
    void serdeFromRejectsNullHalvesNamingWhich() {
        assertThatThrownBy(() -> Serdes.serdeFrom(null, new LongDeserializer()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serializer must not be null");
        assertThatThrownBy(() -> Serdes.serdeFrom(new LongSerializer(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deserializer must not be null");
    }

    @Test
    void serdeFromClassReturnsTheBuiltInSerdes() {
        assertThat(Serdes.serdeFrom(String.class)).isInstanceOf(Serdes.StringSerde.class);
        assertThat(Serdes.serdeFrom(Long.class)).isInstanceOf(Serdes.LongSerde.class);
        assertThat(Serdes.serdeFrom(Integer.class)).isInstanceOf(Serdes.IntegerSerde.class);
        assertThat(Serdes.serdeFrom(Double.class)).isInstanceOf(Serdes.DoubleSerde.class);
        assertThat(Serdes.serdeFrom(byte[].class)).isInstanceOf(Serdes.ByteArraySerde.class);
        assertThat(Serdes.serdeFrom(UUID.class)).isInstanceOf(Serdes.UUIDSerde.class);
        assertThat(Serdes.serdeFrom(Void.class)).isInstanceOf(Serdes.VoidSerde.class);
    }

    @Test
    void serdeFromClassRejectsUnsupportedTypesListingTheSupportedOnes() {
        assertThatThrownBy(() -> Serdes.serdeFrom(Order.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining("String, Long, Integer, Double, byte[], UUID, Void")
                .hasMessageContaining("Serdes.Json");
        assertThatThrownBy(() -> Serdes.serdeFrom(long.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("long")
                .hasMessageContaining("wrapper class");
        assertThatThrownBy(() -> Serdes.serdeFrom((Class<Object>) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type must not be null");
    }

    @Test
    void configureAndCloseReachBothHalves() {
        List<String> calls = new ArrayList<>();
        Serializer<String> ser = new Serializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                calls.add("ser.configure " + isKey);
            }

            @Override
            public byte[] serialize(String topic, String data) {
                return null;
            }

            @Override
            public void close() {
                calls.add("ser.close");
            }
        };
        Deserializer<String> deser = new Deserializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                calls.add("deser.configure " + isKey);
            }

            @Override
            public String deserialize(String topic, byte[] data) {
                return null;
            }

            @Override
            public void close() {
                calls.add("deser.close");
            }
        };
        Serde<String> serde = Serdes.serdeFrom(ser, deser);
        serde.configure(Map.of(), true);
        serde.close();
        assertThat(calls).containsExactly("ser.configure true", "deser.configure true", "ser.close", "deser.close");
    }

    record Order(String id) {
    }
}
