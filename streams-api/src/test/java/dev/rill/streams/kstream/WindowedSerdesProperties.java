package dev.rill.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.serialization.Serde;
import dev.rill.streams.kstream.internal.SessionWindow;
import dev.rill.streams.kstream.internal.TimeWindow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class WindowedSerdesProperties {

    private static final String TOPIC = "windowed";

    @Property(tries = 300)
    void timeWindowedKeysRoundTripAndEndWithTheBigEndianStart(
            @ForAll @StringLength(max = 30) String key,
            @ForAll @LongRange(min = 1, max = 1_000_000_000L) long size,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long start) {
        Serde<Windowed<String>> serde = WindowedSerdes.timeWindowedSerdeFrom(String.class, size);
        Windowed<String> windowed = new Windowed<>(key, new TimeWindow(start, start + size));

        byte[] bytes = serde.serializer().serialize(TOPIC, windowed);

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(windowed);
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(keyBytes.length + 8);
        assertThat(Arrays.copyOf(bytes, keyBytes.length)).isEqualTo(keyBytes);
        assertThat(ByteBuffer.wrap(bytes, keyBytes.length, 8).getLong()).isEqualTo(start);
    }

    @Property(tries = 300)
    void sessionWindowedKeysRoundTripAndEndWithEndThenStart(
            @ForAll long key,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long start,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long length) {
        Serde<Windowed<Long>> serde = WindowedSerdes.sessionWindowedSerdeFrom(Long.class);
        Windowed<Long> windowed = new Windowed<>(key, new SessionWindow(start, start + length));

        byte[] bytes = serde.serializer().serialize(TOPIC, windowed);

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(windowed);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        assertThat(bytes).hasSize(24);
        assertThat(buffer.getLong()).isEqualTo(key);
        assertThat(buffer.getLong()).isEqualTo(start + length);
        assertThat(buffer.getLong()).isEqualTo(start);
    }
}
