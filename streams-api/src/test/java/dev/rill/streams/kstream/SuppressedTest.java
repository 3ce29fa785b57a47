package dev.rill.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.streams.kstream.internal.BufferSpec;
import dev.rill.streams.kstream.internal.SuppressionSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressedTest {

    @Test
    void untilWindowClosesHoldsFinalResultsInAStrictBuffer() {
        @SuppressWarnings("rawtypes")
        Suppressed<Windowed> suppressed = Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final-counts");

        SuppressionSpec<?> spec = SuppressionSpec.of(suppressed);

        assertThat(spec.mode()).isEqualTo(SuppressionSpec.Mode.UNTIL_WINDOW_CLOSES);
        assertThat(spec.name()).isEqualTo("final-counts");
        assertThat(spec.buffer().isUnbounded()).isTrue();
        assertThat(spec.buffer().shutsDownWhenFull()).isTrue();
        assertThat(spec.buffer().loggingEnabled()).isTrue();
    }

    @Test
    void untilTimeLimitKeepsTheLimitAndTheEagerBuffer() {
        Suppressed<String> suppressed = Suppressed.untilTimeLimit(Duration.ofSeconds(10),
                Suppressed.BufferConfig.maxRecords(100).withMaxBytes(4_096));

        SuppressionSpec<String> spec = SuppressionSpec.of(suppressed);

        assertThat(spec.mode()).isEqualTo(SuppressionSpec.Mode.UNTIL_TIME_LIMIT);
        assertThat(spec.timeLimitMs()).isEqualTo(10_000);
        assertThat(spec.name()).isNull();
        assertThat(spec.buffer().maxRecords()).isEqualTo(100);
        assertThat(spec.buffer().maxBytes()).isEqualTo(4_096);
        assertThat(spec.buffer().shutsDownWhenFull()).isFalse();
    }

    @Test
    void bufferConfigsSwitchBetweenStrictAndEagerKeepingLimitsAndLogging() {
        Suppressed.EagerBufferConfig eager = Suppressed.BufferConfig.maxBytes(1_000).withLoggingEnabled(Map.of("retention.ms", "1000"));
        Suppressed.StrictBufferConfig strict = eager.shutDownWhenFull();
        Suppressed.EagerBufferConfig backToEager = strict.emitEarlyWhenFull();

        BufferSpec strictSpec = BufferSpec.of(strict);
        assertThat(strictSpec.maxBytes()).isEqualTo(1_000);
        assertThat(strictSpec.maxRecords()).isEqualTo(Long.MAX_VALUE);
        assertThat(strictSpec.shutsDownWhenFull()).isTrue();
        assertThat(strictSpec.logConfig()).containsEntry("retention.ms", "1000");
        assertThat(BufferSpec.of(backToEager)).isEqualTo(BufferSpec.of(eager));
        assertThat(BufferSpec.of(eager.withNoBound()).isUnbounded()).isTrue();
        assertThat(BufferSpec.of(eager.withNoBound()).shutsDownWhenFull()).isTrue();
        assertThat(BufferSpec.of(strict.withLoggingDisabled()).loggingEnabled()).isFalse();
        assertThat(BufferSpec.of(Suppressed.BufferConfig.unbounded().withMaxRecords(5)).maxRecords()).isEqualTo(5);
    }

    @Test
    void logConfigIsCopiedSoLaterChangesDoNotLeakIn() {
        Map<String, String> config = new HashMap<>(Map.of("segment.ms", "100"));
        Suppressed.StrictBufferConfig strict = Suppressed.BufferConfig.unbounded().withLoggingEnabled(config);
        config.put("segment.ms", "200");

        assertThat(BufferSpec.of(strict).logConfig()).containsExactly(Map.entry("segment.ms", "100"));
    }

    @Test
    void invalidArgumentsAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> Suppressed.BufferConfig.maxRecords(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recordLimit").hasMessageContaining("-1");
        assertThatThrownBy(() -> Suppressed.BufferConfig.maxBytes(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("byteLimit").hasMessageContaining("-2");
        assertThatThrownBy(() -> Suppressed.untilTimeLimit(Duration.ofMillis(-1), Suppressed.BufferConfig.unbounded()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeToWaitForMoreEvents");
        assertThatThrownBy(() -> Suppressed.untilTimeLimit(null, Suppressed.BufferConfig.unbounded()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"timeToWaitForMoreEvents\"");
        assertThatThrownBy(() -> Suppressed.untilTimeLimit(Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bufferConfig");
        assertThatThrownBy(() -> Suppressed.untilWindowCloses(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bufferConfig");
        assertThatThrownBy(() -> Suppressed.untilTimeLimit(Duration.ZERO, Suppressed.BufferConfig.unbounded()).withName("bad name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name");
        assertThatThrownBy(() -> Suppressed.BufferConfig.unbounded().withLoggingEnabled(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("changelog config");
        assertThatThrownBy(() -> SuppressionSpec.of(name -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Suppressed.untilWindowCloses");
    }

    @Test
    void emitStrategiesReportTheirType() {
        assertThat(EmitStrategy.onWindowClose().type()).isEqualTo(EmitStrategy.StrategyType.ON_WINDOW_CLOSE);
        assertThat(EmitStrategy.onWindowUpdate().type()).isEqualTo(EmitStrategy.StrategyType.ON_WINDOW_UPDATE);
        assertThat(EmitStrategy.onWindowClose()).isSameAs(EmitStrategy.onWindowClose()).isNotEqualTo(EmitStrategy.onWindowUpdate());
        assertThat(EmitStrategy.onWindowClose()).hasToString("EmitStrategy.onWindowClose()");
    }
}
