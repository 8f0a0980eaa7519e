package org.downtimebacklog.database;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.commons.io.FileUtils;
import org.downtimebacklog.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** /health says UP while the database answers, and stops saying so when the database goes away. */
class HealthTest {

    private Path dataDir;

    @AfterEach
    void removeDataDir() {
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    @Test
    void healthFollowsTheDatabase() throws Exception {
        dataDir = Files.createTempDirectory(Path.of("target"), "health-");
        Map<String, Object> config = Map.of(
                "backlog.data-dir", dataDir.toString(),
                "backlog.embedded-db.stop-on-close", true,
                "micronaut.server.port", -1);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, config)) {
            Api api = new Api(server.getURL());
            assertThat(api.get("/health", null).status()).isEqualTo(200);

            // The database server dies under the running application.
            List<ProcessHandle> engines = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(dataDir.getFileName().toString()))
                    .toList();
            assertThat(engines).isNotEmpty();
            engines.forEach(ProcessHandle::destroyForcibly);

            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            Api.Response health = api.get("/health", null);
            while (health.status() == 200 && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
                health = api.get("/health", null);
            }
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body().get("status").asText()).isEqualTo("DOWN");
        }
    }
}
