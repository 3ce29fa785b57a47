package dev.rill.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.common.errors.SerializationException;
import dev.rill.common.serialization.Serde;
import dev.rill.common.serialization.Serdes;
import dev.rill.streams.kstream.internal.SessionWindow;
import dev.rill.streams.kstream.internal.TimeWindow;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class WindowedSerdesTest {

    @Test
    void nullKeysAndNullBytesStayNull() {
        Serde<Windowed<String>> time = WindowedSerdes.timeWindowedSerdeFrom(String.class, 10);
        Serde<Windowed<String>> session = WindowedSerdes.sessionWindowedSerdeFrom(String.class);

        assertThat(time.serializer().serialize("t", null)).isNull();
        assertThat(time.deserializer().deserialize("t", null)).isNull();
        assertThat(session.serializer().serialize("t", null)).isNull();
        assertThat(session.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void timeWindowEndIsRebuiltFromTheConfiguredSizeAndCappedAtTheLargestTimestamp() {
        TimeWindowedDeserializer<Long> deserializer = new TimeWindowedDeserializer<>(Serdes.Long().deserializer(), 1_000);
        byte[] nearTheEnd = ByteBuffer.allocate(16).putLong(7L).putLong(Long.MAX_VALUE - 10).array();

        Windowed<Long> windowed = deserializer.deserialize("t", nearTheEnd);

        assertThat(windowed.key()).isEqualTo(7L);
        assertThat(windowed.window()).isEqualTo(new TimeWindow(Long.MAX_VALUE - 10, Long.MAX_VALUE));
        assertThat(deserializer.getWindowSize()).isEqualTo(1_000);
    }

    @Test
    void truncatedBytesAreRejectedNamingTheDeserializerTopicAndLength() {
        Serde<Windowed<String>> time = WindowedSerdes.timeWindowedSerdeFrom(String.class, 10);
        Serde<Windowed<String>> session = WindowedSerdes.sessionWindowedSerdeFrom(String.class);

        assertThatThrownBy(() -> time.deserializer().deserialize("clicks", new byte[7]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("TimeWindowedDeserializer").hasMessageContaining("'clicks'").hasMessageContaining("got 7");
        assertThatThrownBy(() -> session.deserializer().deserialize("clicks", new byte[15]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("SessionWindowedDeserializer").hasMessageContaining("'clicks'").hasMessageContaining("got 15");
    }

    @Test
    void impossibleWindowsInTheBytesAreRejected() {
        Serde<Windowed<String>> time = WindowedSerdes.timeWindowedSerdeFrom(String.class, 10);
        Serde<Windowed<String>> session = WindowedSerdes.sessionWindowedSerdeFrom(String.class);
        byte[] negativeStart = ByteBuffer.allocate(8).putLong(-5).array();
        byte[] startAfterEnd = ByteBuffer.allocate(16).putLong(10).putLong(20).array();

        assertThatThrownBy(() -> time.deserializer().deserialize("t", negativeStart))
                .isInstanceOf(SerializationException.class).hasMessageContaining("-5");
        assertThatThrownBy(() -> session.deserializer().deserialize("t", startAfterEnd))
                .isInstanceOf(SerializationException.class).hasMessageContaining("[20, 10]");
    }

    @Test
    void anInnerSerializerThatReturnsNullIsReportedInsteadOfWritingAmbiguousBytes() {
        TimeWindowedSerializer<Void> serializer = new TimeWindowedSerializer<>(Serdes.Void().serializer());

        assertThatThrownBy(() -> serializer.serialize("out", new Windowed<>(null, new TimeWindow(0, 10))))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("TimeWindowedSerializer").hasMessageContaining("'out'");
    }

    @Test
    void constructorsRejectMissingInnerSerdesAndNonPositiveSizes() {
        assertThatThrownBy(() -> new WindowedSerdes.TimeWindowedSerde<>(null, 10)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("inner");
        assertThatThrownBy(() -> new WindowedSerdes.SessionWindowedSerde<>(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WindowedSerdes.timeWindowedSerdeFrom(String.class, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windowSize").hasMessageContaining("0 ms");
        assertThatThrownBy(() -> WindowedSerdes.sessionWindowedSerdeFrom(Object.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    }

    @Test
    void sessionOfOneRecordRoundTrips() {
        Serde<Windowed<String>> session = WindowedSerdes.sessionWindowedSerdeFrom(String.class);
        Windowed<String> point = new Windowed<>("", new SessionWindow(5, 5));

        assertThat(session.deserializer().deserialize("t", session.serializer().serialize("t", point))).isEqualTo(point);
    }
}
