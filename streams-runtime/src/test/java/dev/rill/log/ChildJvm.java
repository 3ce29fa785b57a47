package dev.rill.log;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Starts {@link ChildLogProcess} in a separate JVM with the test classpath. */
final class ChildJvm implements AutoCloseable {
    final Process process;
    final BufferedReader out;

    ChildJvm(String mode, Path dir) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
            ChildLogProcess.class.getName(), mode, dir.toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Kills the child with SIGKILL (on Linux) and waits for it to be gone. */
    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.close();
    }
}
