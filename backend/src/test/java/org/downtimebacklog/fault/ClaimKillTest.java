package org.downtimebacklog.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.io.FileUtils;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clerks claim and enter items while the service is killed with SIGKILL. After the restart, every item a clerk held
 * either was entered or goes back to the queue when its lease runs out, and the queue can then be worked to the end:
 * no item is left stuck with someone who is gone.
 */
class ClaimKillTest {

    private static final int ITEMS = Integer.getInteger("fault.claim-items", 120);
    private static final int CLERKS = 4;
    /** When each item was handed to a clerk. */
    private static final Map<Long, Long> CLAIMED_AT = new ConcurrentHashMap<>();

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
    void everyClaimedItemIsEnteredOrReturnsToTheQueueAfterAKill() throws Exception {
        dataDir = Files.createTempDirectory("backlog-claim-kill-");
        service = new ServiceProcess(dataDir, Map.of("BACKLOG_QUEUE_LEASE", "4s", "BACKLOG_QUEUE_LEASE_SWEEP", "1s"));
        service.start();
        Api api = new Api(service.url());
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        List<Api.User> clerks = new ArrayList<>();
        for (int c = 0; c < CLERKS; c++) {
            clerks.add(api.createUser("CLERK", site));
        }
        long outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
        Set<Long> all = new HashSet<>();
        for (int i = 0; i < ITEMS; i++) {
            ObjectNode item = Api.item(outageId, site);
            item.put("category", "OBSERVATIONS");
            all.add(api.logItem(clerks.get(0).token(), item).get("id").asLong());
        }
        api.post("/api/outages/" + outageId + "/systems/EMAR/recovered", lead.token(),
                Map.of("recoveredAt", Instant.now().minusSeconds(5).toString()));

        Set<Long> entered = ConcurrentHashMap.newKeySet();
        Set<Long> held = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(CLERKS);
        List<Future<?>> running = new ArrayList<>();
        for (Api.User clerk : clerks) {
            running.add(pool.submit(() -> work(api, clerk, stop, held, entered)));
        }
        Thread.sleep(1500);
        // kill while a clerk is entering an item just claimed (clerks in step could all be between items otherwise)
        long latest = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!claimedJustNow(entered) && System.nanoTime() < latest) {
            Thread.sleep(1);
        }
        service.killJvm();
        stop.set(true);
        for (Future<?> clerk : running) {
            clerk.get();
        }
        pool.shutdown();

        service.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (count(api, lead, outageId, "ASSIGNED") > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        long ready = count(api, lead, outageId, "READY");
        long done = count(api, lead, outageId, "ENTERED");
        System.out.printf("claim kill: %d items, %d entered before the kill, %d held by clerks when it came, "
                + "%d in the queue after it%n", ITEMS, done, held.size() - entered.size(), ready);
        assertThat(count(api, lead, outageId, "ASSIGNED")).as("items stuck with someone after their lease").isZero();
        assertThat(done + ready).as("every item entered or back in the queue").isEqualTo(ITEMS);
        Set<Long> heldAtKill = new HashSet<>(held);
        heldAtKill.removeAll(entered);
        assertThat(heldAtKill).as("the kill came while clerks held items").isNotEmpty();
        for (long id : heldAtKill) {
            String status = api.get("/api/items/" + id, lead.token()).body().get("status").asText();
            assertThat(status).as("an item held when the service died").isIn("READY", "ENTERED");
        }
        for (long id : entered) {
            assertThat(api.get("/api/items/" + id, lead.token()).body().get("status").asText())
                    .as("an acknowledged entry survives the kill").isEqualTo("ENTERED");
        }

        // the queue can be worked to the end after the restart
        Api again = new Api(service.url());
        work(again, clerks.get(0), new AtomicBoolean(), held, entered);
        assertThat(count(api, lead, outageId, "ENTERED")).as("the queue worked to the end").isEqualTo(ITEMS);
        for (long id : all) {
            assertThat(api.get("/api/items/" + id, lead.token()).body().get("status").asText()).isEqualTo("ENTERED");
        }
    }

    /** Claims the next item and enters it, until stopped, until the queue is empty, or until the service is gone. */
    private static void work(Api api, Api.User clerk, AtomicBoolean stop, Set<Long> held, Set<Long> entered) {
        try {
            while (!stop.get()) {
                Api.Response next = api.post("/api/queue/next", clerk.token(), Map.of());
                if (next.status() != 200) {
                    return;
                }
                long id = next.body().get("id").asLong();
                CLAIMED_AT.put(id, System.nanoTime());
                held.add(id);
                Thread.sleep(150);                           // entering it in the clinical system
                Api.Response done = api.post("/api/items/" + id + "/transitions", clerk.token(),
                        Map.of("to", "ENTERED", "externalReference", "OBS-" + id), "If-Match", next.header("ETag"));
                if (done.status() == 200) {
                    entered.add(id);
                }
            }
        } catch (RuntimeException e) {
            // the service was killed under this clerk
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a clerk claimed an item in the last 30 ms and has not entered it (entering takes 150 ms here). */
    private static boolean claimedJustNow(Set<Long> entered) {
        long now = System.nanoTime();
        return CLAIMED_AT.entrySet().stream().anyMatch(e -> !entered.contains(e.getKey())
                && now - e.getValue() < Duration.ofMillis(30).toNanos());
    }

    private static long count(Api api, Api.User lead, long outageId, String status) {
        JsonNode summary = api.get("/api/outages/" + outageId + "/summary", lead.token()).body();
        JsonNode n = summary.get("byStatus").get(status);
        return n == null ? 0 : n.asLong();
    }
}
