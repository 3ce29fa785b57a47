package dev.rill.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.common.serialization.Serdes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogToolTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void fillLog() {
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            log.createTopic("orders", TopicConfig.builder().partitions(2).retentionMs(3_600_000).build());
            try (Producer<String, String> p = log.producer(ProducerConfig.defaults(), Serdes.String().serializer(),
                Serdes.String().serializer())) {
                for (int i = 0; i < 30; i++) {
                    p.send(new ProducerRecord<>("orders", 1, "user-" + i, "order-" + i));
                }
            }
        }
    }

    private int run(String... args) {
        return LogTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsTopicsAndDescribesPartitions() {
        assertThat(run("--dir", dir.toString(), "topics")).isZero();
        assertThat(out()).contains("orders partitions=2").contains("retention.ms=3600000");
        out.reset();
        assertThat(run("--dir", dir.toString(), "describe", "orders")).isZero();
        assertThat(out()).contains("partition 0 start=0 end=0 stable=0").contains("partition 1 start=0 end=30 stable=30")
            .contains("retention.ms=3600000").containsPattern("segment base=0 next=30 size=\\d+ largestTimestamp=\\d+ active");
    }

    @Test
    void dumpsAndTailsRecords() {
        assertThat(run("--dir", dir.toString(), "dump", "orders", "1", "5", "7")).isZero();
        assertThat(out()).contains("offset=5 ").contains("offset=6 ").contains("key=\"user-6\" value=\"order-6\"")
            .doesNotContain("offset=7 ");
        out.reset();
        assertThat(run("--dir", dir.toString(), "tail", "orders", "1", "2")).isZero();
        assertThat(out()).contains("offset=28 ").contains("offset=29 ").doesNotContain("offset=27 ");
    }

    @Test
    void reportsUsageAndLogErrors() {
        assertThat(run("topics")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: LogTool --dir DIR COMMAND");
        err.reset();
        assertThat(run("--dir", dir.toString(), "describe", "missing")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("topic missing does not exist");
        err.reset();
        assertThat(run("--dir", dir.toString(), "tail", "orders", "7")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("partition 7 does not exist");
        assertThat(run("--dir", dir.toString(), "frobnicate")).isEqualTo(2);
    }
}
