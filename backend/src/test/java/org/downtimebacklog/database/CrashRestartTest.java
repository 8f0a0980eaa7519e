package org.downtimebacklog.database;

import org.apache.commons.io.FileUtils;
import org.downtimebacklog.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service killed with SIGKILL, as the OOM killer does, leaves its embedded database running; the next start on
 * the same data directory must stop that server and come up by itself, with the data it had.
 */
class CrashRestartTest {

    private final List<Process> services = new ArrayList<>();
    private Path dataDir;

    @AfterEach
    void cleanUp() throws Exception {
        for (Process service : services) {
            service.destroyForcibly().waitFor();
        }
        StrayServer.stopAll(dataDir.resolve("mariadb"));
        FileUtils.deleteQuietly(dataDir.toFile());
    }

    @Test
    void aStartAfterTheServiceWasKilledStopsTheOldDatabaseAndComesUp() throws Exception {
        dataDir = Files.createTempDirectory("backlog-crash-");
        Path mariadbDir = dataDir.resolve("mariadb");

        int firstPort = freePort();
        Process first = start(firstPort);
        Api api = new Api(new URL("http://127.0.0.1:" + firstPort));
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        long outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
        long itemId = api.logItem(lead.token(), Api.item(outageId, site)).get("id").asLong();
        List<ProcessHandle> before = servers(mariadbDir);
        assertThat(before).hasSize(1);

        first.destroyForcibly().waitFor();
        assertThat(before.get(0).isAlive()).as("the database outlives the killed service").isTrue();

        int secondPort = freePort();
        start(secondPort);
        assertThat(before.get(0).isAlive()).as("the old database server was stopped").isFalse();
        assertThat(servers(mariadbDir)).hasSize(1);
        Api again = new Api(new URL("http://127.0.0.1:" + secondPort));
        Api.Response item = again.get("/api/items/" + itemId, again.login(lead.username(), lead.password())
                .get("access_token").asText());
        assertThat(item.status()).as(item.toString()).isEqualTo(200);
    }

    /** The application in a JVM of its own, on the data directory; returns once it answers /health with 200. */
    private Process start(int port) throws Exception {
        Path log = dataDir.resolve("service-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.downtimebacklog.Application")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BACKLOG_DATA_DIR", dataDir.toString());
        builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        builder.environment().put("BACKLOG_ADMIN_PASSWORD", Api.ADMIN_PASSWORD);
        builder.environment().put("BACKLOG_PASSWORD_COST", "4");
        Process process = builder.start();
        services.add(process);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited: " + tail(log.toFile()));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the service did not come up within 120 s: " + tail(log.toFile()));
    }

    private static List<ProcessHandle> servers(Path mariadbDir) {
        return ProcessHandle.allProcesses().filter(p -> StrayServer.serves(p, mariadbDir)).toList();
    }

    private static String tail(File log) throws IOException {
        List<String> lines = Files.readAllLines(log.toPath());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
