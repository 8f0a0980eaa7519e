package org.downtimebacklog.queue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.downtimebacklog.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances on one database, as behind a load balancer: 32 people take and enter items through both
 * at once. Every item is taken by exactly one person and none is left behind.
 */
class TwoInstanceClaimTest {

    private final List<EmbeddedServer> instances = new ArrayList<>();

    @BeforeEach
    void startTwoInstances() {
        for (int i = 0; i < 2; i++) {
            // same data directory and signing secret (application-test.yml): one database, shared sessions
            instances.add(ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1)));
        }
    }

    @AfterEach
    void stop() {
        instances.forEach(EmbeddedServer::close);
    }

    @Test
    void thirtyTwoWorkersOnTwoInstancesNeverShareAnItemAndLeaveNoneBehind() throws Exception {
        Api first = new Api(instances.get(0).getURL());
        Api second = new Api(instances.get(1).getURL());
        String site = Api.site();
        Api.User lead = first.createUser("TEAM_LEAD", site);
        long outageId = first.createOutage(lead.token(), new String[]{site}, "EHR").get("id").asLong();
        second.post("/api/outages/" + outageId + "/systems/EHR/recovered", lead.token(),
                Map.of("recoveredAt", Instant.now().minusSeconds(5).toString()));
        Set<Long> logged = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Api via = i % 2 == 0 ? first : second;
            logged.add(via.createItem(lead.token(), Api.item(outageId, site).put("targetSystem", "EHR")
                    .put("category", "OBSERVATIONS")).body().get("id").asLong());
        }

        int threads = 32;
        List<Api.User> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(first.createUser("CLERK", site));
        }
        Map<Long, String> takenBy = new ConcurrentHashMap<>();
        List<Long> doubles = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Api.User worker = workers.get(w);
            int offset = w;
            futures.add(pool.submit(() -> {
                start.await();
                for (int n = 0; ; n++) {
                    Api via = (n + offset) % 2 == 0 ? first : second;      // each request may land on either node
                    Api.Response claim = via.post("/api/queue/next", worker.token(), Map.of());
                    if (claim.status() == 204) {
                        break;
                    }
                    if (claim.status() != 200) {
                        failures.incrementAndGet();
                        break;
                    }
                    long id = claim.body().get("id").asLong();
                    if (takenBy.putIfAbsent(id, worker.username()) != null) {
                        doubles.add(id);
                    }
                    Api other = via == first ? second : first;
                    Api.Response entered = other.post("/api/items/" + id + "/transitions", worker.token(),
                            Map.of("to", "ENTERED", "externalReference", "EHR-" + id), "If-Match", claim.header("ETag"));
                    if (entered.status() != 200) {
                        failures.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        assertThat(doubles).as("items taken twice").isEmpty();
        assertThat(failures.get()).as("claims or entries refused").isZero();
        assertThat(takenBy.keySet()).as("every logged item taken once").containsExactlyInAnyOrderElementsOf(logged);
        var summary = first.get("/api/outages/" + outageId + "/summary", lead.token()).body();
        assertThat(summary.get("byStatus").get("ENTERED").asLong()).isEqualTo(200);
        assertThat(summary.get("open").asLong()).isZero();
        assertThat(new HashSet<>(takenBy.values()).size()).as("work spread over the workers").isGreaterThan(1);
    }
}
