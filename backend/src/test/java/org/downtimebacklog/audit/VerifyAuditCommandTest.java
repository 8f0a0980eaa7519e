package org.downtimebacklog.audit;

import org.apache.commons.io.FileUtils;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar downtime-backlog.jar verify-audit} checks the chain from the database itself, and refuses to touch
 * the embedded database of a service that is running (it would otherwise stop that service's database).
 */
class VerifyAuditCommandTest {

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
    void theCommandVerifiesTheChainAndLeavesARunningServiceAlone() throws Exception {
        dataDir = Files.createTempDirectory("backlog-verify-audit-");
        service = new ServiceProcess(dataDir, Map.of());
        service.start();
        Api api = new Api(service.url());
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        long outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
        api.logItem(lead.token(), Api.item(outageId, site));
        Api.User auditor = api.createUser("AUDITOR", site);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (api.get("/api/audit/verify", auditor.token()).body().get("unsealed").asLong() > 1
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }

        ServiceProcess.CommandResult whileRunning = service.command("verify-audit");
        assertThat(whileRunning.exitCode()).as(whileRunning.output()).isEqualTo(2);
        assertThat(whileRunning.output()).contains("GET /api/audit/verify");
        assertThat(api.get("/api/me", lead.token()).status()).as("the running service still has its database")
                .isEqualTo(200);

        service.shutDown();
        ServiceProcess.CommandResult stopped = service.command("verify-audit");
        assertThat(stopped.exitCode()).as(stopped.output()).isZero();
        assertThat(stopped.output()).containsPattern("Audit trail intact: [1-9][0-9]* events sealed");
        assertThat(service.databases()).as("the command stopped the database it started").isEmpty();
    }
}
