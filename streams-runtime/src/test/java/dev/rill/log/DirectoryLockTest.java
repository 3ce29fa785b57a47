package dev.rill.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {
    @TempDir
    Path dir;

    @Test
    void secondOpenInTheSameProcessFailsNamingTheHolderAndWorksAfterClose() {
        EmbeddedLog first = EmbeddedLog.open(dir);
        assertThatThrownBy(() -> EmbeddedLog.open(dir))
            .isInstanceOf(LogLockedException.class)
            .hasMessageContaining("already open in this process")
            .hasMessageContaining("pid " + ProcessHandle.current().pid());
        first.createTopic("t", TopicConfig.builder().retentionMs(1000).build());
        first.close();
        try (EmbeddedLog again = EmbeddedLog.open(dir)) {
            assertThat(again.topics()).containsExactly("t");
        }
    }

    @Test
    void openFromAnotherProcessFailsNamingThatProcess() throws Exception {
        try (ChildJvm child = new ChildJvm("hold", dir)) {
            assertThat(child.out.readLine()).isEqualTo("opened");
            assertThatThrownBy(() -> EmbeddedLog.open(dir))
                .isInstanceOf(LogLockedException.class)
                .hasMessageContaining("locked by another process")
                .hasMessageContaining("pid " + child.process.pid());
            assertThat(Files.readString(dir.resolve(".lock"))).contains("pid " + child.process.pid());
        }
        // The lock dies with its holder.
        try (EmbeddedLog log = EmbeddedLog.open(dir)) {
            assertThat(log.topics()).isEmpty();
        }
    }
}
