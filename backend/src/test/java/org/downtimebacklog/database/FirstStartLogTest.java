package org.downtimebacklog.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.io.FileUtils;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first start on an empty data directory, with JSON logs for a log shipper: every line is one JSON object, the
 * only warning is the one-time admin password (no migration or Flyway warnings), and nothing identifying a patient
 * reaches the log.
 */
class FirstStartLogTest {

    private Path dataDir;
    private ServiceProcess service;

    @AfterEach
    void cleanUp() throws Exception {
        service.stop();
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    @Test
    void jsonLogsOfAFirstStartHoldOneObjectPerLineAndNoAlarms() throws Exception {
        dataDir = Files.createTempDirectory("backlog-first-start-");
        service = new ServiceProcess(dataDir, Map.of("BACKLOG_LOG_FORMAT", "json"));
        service.start();
        Api api = new Api(service.url());
        String site = Api.site();
        Api.User clerk = api.createUser("CLERK", site);
        long outageId = api.createOutage(api.createUser("TEAM_LEAD", site).token(), new String[]{site}, "EMAR")
                .get("id").asLong();
        ObjectNode item = Api.item(outageId, site);
        ((ObjectNode) item.get("patient")).put("nhsNumber", "485 777 3457").put("name", "Zebedee Quixote");
        api.logItem(clerk.token(), item);
        api.send("POST", "/api/items", clerk.token(), "{\"patient\": {\"name\": \"Zebedee Quixote\"",
                "Idempotency-Key", "k");

        List<String> lines = Files.readAllLines(service.log());
        assertThat(lines).isNotEmpty();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode event = Api.JSON.readTree(line);
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.has("message") && event.has("level") && event.has("@timestamp")).as(line).isTrue();
            events.add(event);
        }
        List<String> alarms = events.stream()
                .filter(e -> !e.get("level").asText().equals("INFO") && !e.get("level").asText().equals("DEBUG"))
                .filter(e -> !e.get("logger_name").asText().endsWith("AdminBootstrap"))
                .map(e -> e.get("level").asText() + " " + e.get("logger_name").asText() + " " + e.get("message").asText())
                .toList();
        assertThat(alarms).as("warnings on a first start").isEmpty();
        assertThat(String.join("\n", lines)).doesNotContain("4857773457").doesNotContain("485 777 3457")
                .doesNotContain("Zebedee").doesNotContain(clerk.password());
    }
}
