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

/**
 * Starts the application twice on one data directory, as an operator restarting it would: what was logged before the
 * restart is there after it, sessions survive it, and the first-start admin is not created again.
 */
class RestartTest {

    private Path dataDir;

    @AfterEach
    void removeDataDir() {
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    @Test
    void itemsAndSessionsSurviveARestart() throws Exception {
        // Under java.io.tmpdir on purpose: the embedded engine's library treats such directories as disposable.
        dataDir = Files.createTempDirectory("backlog-restart-");
        Map<String, Object> config = Map.of(
                "backlog.data-dir", dataDir.toString(),
                "backlog.embedded-db.stop-on-close", true,
                "backlog.admin-password", Api.ADMIN_PASSWORD,
                "backlog.jwt-secret", "",
                "backlog.password-cost", 4,
                "micronaut.server.port", -1);
        long itemId;
        String token;
        String site = Api.site();
        try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, config)) {
            Api api = new Api(first.getURL());
            Api.User lead = api.createUser("TEAM_LEAD", site);
            long outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
            itemId = api.createItem(lead.token(), Api.item(outageId, site)).body().get("id").asLong();
            token = lead.token();
        }
        // no BACKLOG_JWT_SECRET: the generated one is kept in the data directory
        assertThat(dataDir.resolve("jwt-secret")).exists();

        try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, config)) {
            Api api = new Api(second.getURL());
            Api.Response item = api.get("/api/items/" + itemId, token);
            assertThat(item.status()).isEqualTo(200);
            assertThat(item.body().get("patient").get("nhsNumber").asText()).isEqualTo("9434765919");
            assertThat(api.get("/api/users", api.adminToken()).body().findValuesAsText("username")).containsOnlyOnce("admin");
        }
    }
}
