package dev.rill.streams;

import dev.rill.common.serialization.Serdes;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What tests that run a {@link TopologyTestDriver} share: a fresh state directory per test, the driver
 * under test (closed after each test), and base settings.
 */
public abstract class DriverTestSupport {
    /** The state directory of the current test. */
    protected Path stateDir;
    /** The driver of the current test, if it created one; closed after the test. */
    protected TopologyTestDriver driver;

    @BeforeEach
    void createStateDir(@TempDir Path dir) {
        stateDir = dir;
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    /**
     * @param applicationId the application id
     * @return settings with the id and this test's state directory, and no default serdes
     */
    protected Properties baseProps(String applicationId) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return p;
    }

    /**
     * @param applicationId the application id
     * @return {@link #baseProps} with String default serdes
     */
    protected Properties stringProps(String applicationId) {
        Properties p = baseProps(applicationId);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return p;
    }
}
