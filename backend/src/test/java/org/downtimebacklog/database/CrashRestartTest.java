package org.downtimebacklog.database;

import org.apache.commons.io.FileUtils;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service killed with SIGKILL, as the OOM killer does, leaves its embedded database running; the next start on
 * the same data directory must stop that server and come up by itself, with the data it had.
 */
class CrashRestartTest {

    private Path dataDir;
    private ServiceProcess service;

    @AfterEach
    void cleanUp() throws Exception {
        if (service != null) {
            service.stop();
        }
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    @Test
    void aStartAfterTheServiceWasKilledStopsTheOldDatabaseAndComesUp() throws Exception {
        dataDir = Files.createTempDirectory("backlog-crash-");
        service = new ServiceProcess(dataDir, Map.of());
        service.start();
        Api api = new Api(service.url());
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        long outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
        long itemId = api.logItem(lead.token(), Api.item(outageId, site)).get("id").asLong();
        List<ProcessHandle> before = service.databases();
        assertThat(before).hasSize(1);

        service.killJvm();
        assertThat(before.get(0).isAlive()).as("the database outlives the killed service").isTrue();

        service.start();
        assertThat(before.get(0).isAlive()).as("the old database server was stopped").isFalse();
        assertThat(service.databases()).hasSize(1);
        assertThat(Files.readString(service.log())).contains("still serves").contains("has stopped");
        Api again = new Api(service.url());
        Api.Response item = again.get("/api/items/" + itemId, again.login(lead.username(), lead.password())
                .get("access_token").asText());
        assertThat(item.status()).as(item.toString()).isEqualTo(200);
    }
}
