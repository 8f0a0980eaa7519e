package org.downtimebacklog.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.io.FileUtils;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients log items, each resending its request with the same Idempotency-Key until it is answered, while the service
 * is killed with SIGKILL again and again (alternately the JVM alone, as the out-of-memory killer does, and the JVM
 * with its database, as in a power cut) and started again on the same data. Afterwards every acknowledged item
 * exists exactly once and no request stored two items.
 *
 * <p>Small in the ordinary build; full size with
 * {@code mvn -pl backend test -Dtest=KillLoopTest -Dfault.kills=20 -Dfault.clients=16 -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class KillLoopTest {

    private static final int KILLS = Integer.getInteger("fault.kills", 2);
    private static final int CLIENTS = Integer.getInteger("fault.clients", 16);
    private static final Duration LOAD_BETWEEN_KILLS = Duration.ofSeconds(Integer.getInteger("fault.load-seconds", 3));

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
    void everyAcknowledgedItemSurvivesKillsExactlyOnce() throws Exception {
        dataDir = Files.createTempDirectory("backlog-kill-loop-");
        service = new ServiceProcess(dataDir, Map.of());
        service.start();
        Api api = new Api(service.url());
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        Api.User clerk = api.createUser("CLERK", site);
        long outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();

        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Map<String, String> bodies = new ConcurrentHashMap<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> logUntilStopped(service, clerk.token(), outageId, site, stop,
                    acknowledged, bodies, unexpected)));
        }

        int survived = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Thread.sleep(LOAD_BETWEEN_KILLS.toMillis());
            if (kill % 2 == 0) {
                service.killJvm();
            } else {
                service.killJvmAndDatabase();
            }
            service.start();
            survived++;
        }
        Thread.sleep(LOAD_BETWEEN_KILLS.toMillis());
        stop.set(true);
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();

        Set<Long> stored = storedItems(api, lead.token(), outageId);
        Set<Long> acknowledgedIds = new HashSet<>(acknowledged.values());
        long lost = acknowledgedIds.stream().filter(id -> !stored.contains(id)).count();
        long storedTwice = acknowledged.size() - acknowledgedIds.size();
        System.out.printf("kill loop: %d kills survived, %d clients, %d items acknowledged, %d stored, %d lost, "
                + "%d requests answered with another request's item, %d stored without acknowledgement%n", survived,
                CLIENTS, acknowledged.size(), stored.size(), lost, storedTwice, stored.size() - acknowledgedIds.size());

        assertThat(unexpected).as("answers other than 201, a replay or 503").isEmpty();
        assertThat(acknowledged).as("the clients got work done").isNotEmpty();
        assertThat(lost).as("acknowledged items lost").isZero();
        assertThat(storedTwice).as("two requests answered with one item").isZero();
        assertThat(stored).as("every stored item was acknowledged once: no request stored two")
                .containsExactlyInAnyOrderElementsOf(acknowledgedIds);
        JsonNode summary = api.get("/api/outages/" + outageId + "/summary", lead.token()).body();
        assertThat(summary.get("total").asLong()).as("the running tally agrees").isEqualTo(stored.size());
        for (Map.Entry<String, Long> sample : acknowledged.entrySet().stream().limit(20).toList()) {
            Api.Response replay = api.post("/api/items", clerk.token(), bodies.get(sample.getKey()),
                    "Idempotency-Key", sample.getKey());
            assertThat(replay.body().get("id").asLong()).as(replay.toString()).isEqualTo(sample.getValue());
        }
    }

    /** One client: logs item after item; each request is resent with its key until the service answers it. */
    private static void logUntilStopped(ServiceProcess service, String token, long outageId, String site,
                                        AtomicBoolean stop, Map<String, Long> acknowledged, Map<String, String> bodies,
                                        List<String> unexpected) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (!stop.get()) {
            String key = UUID.randomUUID().toString();
            String body = Api.write(body(outageId, site, key));
            bodies.put(key, body);
            while (true) {
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/api/items"))
                            .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json").header("Idempotency-Key", key)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                        acknowledged.put(key, Api.JSON.readTree(answer.body()).get("id").asLong());
                        break;
                    }
                    if (answer.statusCode() != 503) {
                        unexpected.add(answer.statusCode() + " " + answer.body());
                        break;
                    }
                } catch (IOException e) {
                    // the service is down or was killed mid-answer: send the same request again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause();
            }
        }
    }

    private static ObjectNode body(long outageId, String site, String key) {
        ObjectNode item = Api.item(outageId, site);
        item.put("paperReference", "sheet-" + key.substring(0, 8));
        return item;
    }

    private static Set<Long> storedItems(Api api, String token, long outageId) {
        Set<Long> ids = new HashSet<>();
        for (int page = 0; ; page++) {
            Api.Response r = api.get("/api/items?outageId=" + outageId + "&sort=id&size=200&page=" + page, token);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.body().get("items").forEach(item -> ids.add(item.get("id").asLong()));
            if (!r.body().get("hasMore").asBoolean()) {
                return ids;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
