package org.downtimebacklog.fault;

import com.fasterxml.jackson.databind.JsonNode;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service is killed (SIGKILL) while it releases a large backlog in chunks after a recovery: after the restart the
 * release is finished by the sweep, and every item is READY with exactly one ITEM_RELEASED event, some by the person
 * who recorded the recovery (before the kill) and the rest by the system (after it).
 */
class ReleaseKillTest {

    private static final int ITEMS = Integer.getInteger("fault.release-items", 3000);

    @TempDir
    Path dataDir;
    private ServiceProcess service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void aReleaseCutShortByAKillIsFinishedOnceAfterTheRestart() throws Exception {
        service = new ServiceProcess(dataDir, Map.of("BACKLOG_QUEUE_RELEASE_CHUNK", "2",
                "BACKLOG_QUEUE_RELEASE_SWEEP_INTERVAL", "2s"));
        service.start();
        Api api = new Api(service.url());
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        Api.User clerk = api.createUser("CLERK", site);
        long outageId = api.createOutage(lead.token(), new String[]{site}, "LIMS").get("id").asLong();
        Set<Long> items = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> logging = new java.util.ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            int n = i;
            logging.add(clients.submit(() -> items.add(api.logItem(clerk.token(), Api.item(outageId, site)
                    .put("targetSystem", "LIMS").put("category", "RESULT").put("summary", "Result " + n))
                    .get("id").asLong())));
        }
        for (Future<?> f : logging) {
            f.get();
        }
        clients.shutdown();

        Api.Response recovered = api.post("/api/outages/" + outageId + "/systems/LIMS/recovered", lead.token(),
                Map.of("recoveredAt", Instant.now().minusSeconds(5).toString()));
        assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
        service.killJvm();
        service.start();
        Api restarted = new Api(service.url());
        String admin = restarted.adminToken();

        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        Map<Long, Integer> released = new HashMap<>();
        Map<String, Integer> byActor = new HashMap<>();
        while (Instant.now().isBefore(deadline)) {
            released.clear();
            byActor.clear();
            long after = 0;
            while (true) {
                // each search is itself audited, so the trail grows as it is read: a short page is the end
                JsonNode page = restarted.get("/api/audit?afterId=" + after + "&limit=500", admin).body();
                for (JsonNode event : page) {
                    after = event.get("id").asLong();
                    if (event.get("action").asText().equals("ITEM_RELEASED") && items.contains(event.get("itemId").asLong())) {
                        released.merge(event.get("itemId").asLong(), 1, Integer::sum);
                        byActor.merge(event.get("actor").asText(), 1, Integer::sum);
                    }
                }
                if (page.size() < 500) {
                    break;
                }
            }
            if (released.size() == ITEMS) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(released).as("every item released").hasSize(ITEMS);
        assertThat(released.values()).as("each once").allMatch(count -> count == 1);
        assertThat(byActor.keySet()).as("released before the kill and after it: " + byActor)
                .containsExactlyInAnyOrder(lead.username(), "system");
        JsonNode summary = restarted.get("/api/items?outageId=" + outageId + "&status=LOGGED", admin).body();
        assertThat(summary.get("items")).as("nothing left waiting").isEmpty();
        System.out.printf("Released %,d items across a kill: %s%n", ITEMS, byActor);
        assertThat(Collections.max(released.values())).isEqualTo(1);
    }
}
