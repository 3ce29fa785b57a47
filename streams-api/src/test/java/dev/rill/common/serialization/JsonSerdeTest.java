package dev.rill.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rill.common.errors.SerializationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    record Line(String sku, int quantity) {
    }

    record Order(String id, long customer, List<Line> lines, String note) {
    }

    /** Has no properties Jackson can see, so the default mapper refuses to write it. */
    static final class Opaque {
    }

    record Stamped(Instant at) {
    }

    private final JsonSerde<Order> serde = new JsonSerde<>(Order.class);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsARecordWithANestedList() {
        Order order = new Order("o-1", 42L, List.of(new Line("apple", 3), new Line("pear", 1)), "gift");
        byte[] bytes = serde.serializer().serialize("orders", order);
        assertThat(serde.deserializer().deserialize("orders", bytes)).isEqualTo(order);
    }

    @Test
    void writesPlainUtf8Json() {
        Order order = new Order("ö-1", 7L, List.of(new Line("a", 1)), null);
        String json = new String(serde.serializer().serialize("orders", order), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(
                "{\"id\":\"ö-1\",\"customer\":7,\"lines\":[{\"sku\":\"a\",\"quantity\":1}],\"note\":null}");
    }

    @Test
    void ignoresExtraFieldsAndLeavesMissingOnesAtTheirDefaults() {
        byte[] json = utf8("{\"id\":\"o-2\",\"lines\":[{\"sku\":\"kiwi\",\"quantity\":2,\"colour\":\"green\"}],"
                + "\"addedLater\":{\"nested\":[1,2,3]}}");
        Order order = serde.deserializer().deserialize("orders", json);
        assertThat(order).isEqualTo(new Order("o-2", 0L, List.of(new Line("kiwi", 2)), null));
    }

    @Test
    void mapsNullToNullBothWays() {
        assertThat(serde.serializer().serialize("orders", null)).isNull();
        assertThat(serde.deserializer().deserialize("orders", null)).isNull();
        assertThat(serde.deserializer().deserialize("orders", utf8("null"))).isNull();
    }

    @Test
    void garbageBytesNameTheClassTheTopicAndPreviewThePayload() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("orders", utf8("garbage\u0001!")))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("JsonDeserializer cannot read topic 'orders': ")
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining("\"garbage\\u0001!\"")
                .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @Test
    void wrongShapeAndEmptyPayloadsAreRejectedToo() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("orders", utf8("[1,2,3]")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Order.class.getName())
                .hasMessageContaining("'orders'");
        assertThatThrownBy(() -> serde.deserializer().deserialize("orders", new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("0 bytes");
    }

    @Test
    void longPayloadPreviewIsShortened() {
        String big = "x".repeat(10_000);
        assertThatThrownBy(() -> serde.deserializer().deserialize("orders", utf8(big)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("10000 bytes: \"" + "x".repeat(61) + "...\"")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void unserializableValueNamesItsClass() {
        JsonSerde<Opaque> opaque = new JsonSerde<>(Opaque.class);
        assertThatThrownBy(() -> opaque.serializer().serialize("t", new Opaque()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Opaque.class.getName())
                .hasMessageContaining("'t'");
    }

    @Test
    void defaultMapperHasNoModulesButACustomMapperIsUsed() {
        Stamped stamped = new Stamped(Instant.EPOCH);
        assertThatThrownBy(() -> new JsonSerde<>(Stamped.class).serializer().serialize("t", stamped))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(Stamped.class.getName());

        ObjectMapper indenting = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonSerde<Line> custom = new JsonSerde<>(Line.class, indenting);
        assertThat(new String(custom.serializer().serialize("t", new Line("a", 1)), StandardCharsets.UTF_8))
                .contains("\n");
    }

    @Test
    void standaloneSerializerAndDeserializerInteroperate() {
        JsonSerializer<Line> ser = new JsonSerializer<>(Line.class);
        JsonDeserializer<Line> deser = new JsonDeserializer<>(Line.class, new ObjectMapper());
        assertThat(deser.deserialize("t", ser.serialize("t", new Line("fig", 9)))).isEqualTo(new Line("fig", 9));
    }

    @Test
    void wrongTypeThroughARawReferenceIsAClassCastException() {
        @SuppressWarnings({"rawtypes", "unchecked"})
        Serializer<Object> raw = (Serializer) serde.serializer();
        assertThatThrownBy(() -> raw.serialize("t", "not an order")).isInstanceOf(ClassCastException.class);
    }

    @Test
    void serializerAndDeserializerAreTheSameInstanceOnEveryCall() {
        assertThat(serde.serializer()).isSameAs(serde.serializer());
        assertThat(serde.deserializer()).isSameAs(serde.deserializer());
    }
}
