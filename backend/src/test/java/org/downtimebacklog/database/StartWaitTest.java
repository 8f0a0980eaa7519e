package org.downtimebacklog.database;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.commons.io.FileUtils;
import org.downtimebacklog.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The wait for the embedded database to start is the configured one, not the library's fixed 30 s (crash recovery
 * of a large data directory takes longer); and a start that gives up leaves no server behind to block the next.
 */
class StartWaitTest {

    private Path dataDir;

    @AfterEach
    void removeDataDir() {
        StrayServer.stopAll(dataDir.resolve("mariadb"));
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    @Test
    void aStartThatGivesUpWaitingLeavesNothingInTheWayOfTheNext() throws Exception {
        dataDir = Files.createTempDirectory(Path.of("target"), "start-wait-").toAbsolutePath();
        // a first start to install the data directory, so that the next one waits for the server alone
        try (EmbeddedServer ignored = ApplicationContext.run(EmbeddedServer.class, config("5m"))) {
            assertThat(ignored.isRunning()).isTrue();
        }

        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, config("1ms")))
                .hasStackTraceContaining("The embedded MariaDB could not start")
                .hasStackTraceContaining("1ms");
        assertThat(ProcessHandle.allProcesses().filter(p -> StrayServer.serves(p, dataDir.resolve("mariadb"))))
                .as("a server left starting by the attempt that gave up").isEmpty();

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, config("5m"))) {
            assertThat(new Api(server.getURL()).get("/health/readiness", null).status()).isEqualTo(200);
        }
    }

    private Map<String, Object> config(String startWait) {
        return Map.of(
                "backlog.data-dir", dataDir.toString(),
                "backlog.embedded-db.stop-on-close", true,
                "backlog.embedded-db.start-wait", startWait,
                "micronaut.server.port", -1);
    }
}
