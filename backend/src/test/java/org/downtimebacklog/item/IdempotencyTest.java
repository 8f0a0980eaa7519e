package org.downtimebacklog.item;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class IdempotencyTest extends ApiTest {

    String site;
    Api.User clerk;
    Api.User lead;
    long outageId;

    @BeforeEach
    void setUp() {
        site = Api.site();
        clerk = api.createUser("CLERK", site);
        lead = api.createUser("TEAM_LEAD", site);
        outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
    }

    @Test
    void theSameKeyAndBodyReturnTheFirstItemAndStoreNothingNew() {
        ObjectNode body = Api.item(outageId, site);
        String key = UUID.randomUUID().toString();
        Api.Response first = api.post("/api/items", clerk.token(), body, "Idempotency-Key", key);
        Api.Response again = api.post("/api/items", clerk.token(), body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(itemsFor(body)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        ObjectNode body = Api.item(outageId, site);
        String key = UUID.randomUUID().toString();
        assertThat(api.post("/api/items", clerk.token(), body, "Idempotency-Key", key).status()).isEqualTo(201);
        ObjectNode changed = body.deepCopy().put("summary", "Something else entirely");
        Api.Response r = api.post("/api/items", clerk.token(), changed, "Idempotency-Key", key);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("violations").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(itemsFor(body)).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirUser() {
        ObjectNode body = Api.item(outageId, site);
        String key = UUID.randomUUID().toString();
        Api.User otherClerk = api.createUser("CLERK", site);
        Api.Response mine = api.post("/api/items", clerk.token(), body, "Idempotency-Key", key);
        Api.Response theirs = api.post("/api/items", otherClerk.token(), body, "Idempotency-Key", key);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.body().get("id")).isNotEqualTo(mine.body().get("id"));
    }

    @Test
    void aRejectedRequestDoesNotUseUpItsKey() {
        ObjectNode bad = Api.item(outageId, site).put("targetSystem", "RIS");
        String key = UUID.randomUUID().toString();
        assertThat(api.post("/api/items", clerk.token(), bad, "Idempotency-Key", key).status()).isEqualTo(422);
        ObjectNode good = Api.item(outageId, site);
        assertThat(api.post("/api/items", clerk.token(), good, "Idempotency-Key", key).status()).isEqualTo(201);
    }

    @Test
    void aResendAfterTheOutageClosedIsStillAnsweredWithTheItem() {
        ObjectNode body = Api.item(outageId, site);
        String key = UUID.randomUUID().toString();
        Api.Response first = api.post("/api/items", clerk.token(), body, "Idempotency-Key", key);
        assertThat(api.post("/api/outages/" + outageId + "/close", lead.token(), null).status()).isEqualTo(200);
        Api.Response again = api.post("/api/items", clerk.token(), body, "Idempotency-Key", key);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
        Api.Response other = api.post("/api/items", clerk.token(), Api.item(outageId, site),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(other.status()).isEqualTo(409);
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyLeaveExactlyOneItem() throws Exception {
        ObjectNode body = Api.item(outageId, site);
        String key = UUID.randomUUID().toString();
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return api.post("/api/items", clerk.token(), body, "Idempotency-Key", key);
            }));
        }
        start.countDown();
        List<Long> ids = new ArrayList<>();
        for (Future<Api.Response> f : futures) {
            Api.Response r = f.get();
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            ids.add(r.body().get("id").asLong());
        }
        pool.shutdown();
        assertThat(ids).hasSize(threads).containsOnly(ids.get(0));
        assertThat(itemsFor(body)).isEqualTo(1);
    }

    private int itemsFor(ObjectNode body) {
        return api.get("/api/items?size=200&outageId=" + outageId + "&q=" + body.get("paperReference").asText(),
                clerk.token()).body().get("items").size();
    }
}
