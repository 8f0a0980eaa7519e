package org.downtimebacklog.database;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.commons.io.FileUtils;
import org.downtimebacklog.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With its database gone, the service answers at once: 503 problem+json with Retry-After for what needs the database
 * (never a 500, never a client left waiting for the pool), 503 from readiness, and still 200 from liveness (restarting
 * the service would not bring the database back).
 */
class DatabaseDownTest {

    /** Longer than the service may take to answer; a request that takes longer fails the test. */
    private static final Duration PATIENCE = Duration.ofSeconds(8);

    private Path dataDir;

    @AfterEach
    void removeDataDir() {
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    @Test
    void requestsAnswer503QuicklyAndLivenessStaysUp() throws Exception {
        dataDir = Files.createTempDirectory(Path.of("target"), "db-down-");
        Map<String, Object> config = Map.of(
                "backlog.data-dir", dataDir.toString(),
                "backlog.embedded-db.stop-on-close", true,
                "backlog.admin-password", Api.ADMIN_PASSWORD,
                "backlog.password-cost", 4,
                "micronaut.server.port", -1);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, config)) {
            Api api = new Api(server.getURL());
            String site = Api.site();
            Api.User lead = api.createUser("TEAM_LEAD", site);
            long outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
            assertThat(get(server, "/health/readiness").statusCode()).isEqualTo(200);
            assertThat(get(server, "/health/liveness").statusCode()).isEqualTo(200);

            List<ProcessHandle> engines = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(dataDir.getFileName().toString()))
                    .toList();
            assertThat(engines).isNotEmpty();
            engines.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle engine : engines) {
                engine.onExit().get();
            }

            for (int attempt = 0; attempt < 3; attempt++) {
                HttpResponse<String> created = send(server, HttpRequest.newBuilder(uri(server, "/api/items"))
                        .header("Authorization", "Bearer " + lead.token()).header("Content-Type", "application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(Api.write(Api.item(outageId, site)))));
                assertDown(created);
                HttpResponse<String> listed = send(server, HttpRequest.newBuilder(uri(server, "/api/outages"))
                        .header("Authorization", "Bearer " + lead.token()).GET());
                assertDown(listed);
            }
            HttpResponse<String> health = get(server, "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(get(server, "/health/readiness").statusCode()).isEqualTo(503);
            assertThat(get(server, "/health/liveness").statusCode()).isEqualTo(200);
        }
    }

    private static void assertDown(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("database").doesNotContain("Exception").doesNotContain("jdbc");
    }

    private static HttpResponse<String> get(EmbeddedServer server, String path) throws Exception {
        return send(server, HttpRequest.newBuilder(uri(server, path)).GET());
    }

    private static HttpResponse<String> send(EmbeddedServer server, HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(EmbeddedServer server, String path) {
        return server.getURI().resolve(path);
    }
}
