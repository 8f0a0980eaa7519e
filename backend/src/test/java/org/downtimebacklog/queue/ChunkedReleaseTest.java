package org.downtimebacklog.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recovery releases a backlog larger than a chunk: the first chunk with the recovery, the rest right after in
 * chunks of their own, every item once with one audit event, while claims on another system go on.
 */
@MicronautTest(transactional = false)
@Property(name = "backlog.queue.release-chunk", value = "7")
class ChunkedReleaseTest extends ApiTest {

    @Test
    void aBacklogLargerThanAChunkIsReleasedInChunksEveryItemOnce() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR", "LIMS");
        List<Long> waiting = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            waiting.add(outage.log(b -> b.put("targetSystem", "LIMS").put("category", "RESULT")
                    .put("summary", "Result " + Instant.now().toEpochMilli())).get("id").asLong());
        }
        outage.recover("EMAR");
        long emarItem = outage.log(b -> b.put("summary", "Ready at once")).get("id").asLong();

        outage.recover("LIMS");
        assertThat(ready(outage, "LIMS")).as("the first chunk is released with the recovery").isGreaterThanOrEqualTo(7);
        Api.Response claim = api.post("/api/queue/next", outage.clerk().token(), Map.of("targetSystems", List.of("EMAR")));
        assertThat(claim.status()).as(claim.toString()).isEqualTo(200);
        assertThat(claim.body().get("id").asLong()).isEqualTo(emarItem);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (ready(outage, "LIMS") < 45 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(ready(outage, "LIMS")).isEqualTo(45);
        for (long id : waiting) {
            JsonNode history = api.get("/api/items/" + id + "/history", outage.lead().token()).body();
            List<JsonNode> released = new ArrayList<>();
            history.forEach(e -> {
                if (e.get("action").asText().equals("ITEM_RELEASED")) {
                    released.add(e);
                }
            });
            assertThat(released).as("item " + id).hasSize(1);
            assertThat(released.get(0).get("actor").asText()).isEqualTo(outage.lead().username());
            assertThat(released.get(0).get("reason").asText()).startsWith("LIMS recovered at");
        }
        // the running counts moved with every chunk
        JsonNode byStatus = api.get("/api/outages/" + outage.id() + "/summary", outage.lead().token()).body()
                .get("byStatus");
        assertThat(byStatus.get("LOGGED").asLong()).isZero();
        assertThat(byStatus.get("READY").asLong()).isEqualTo(45);
        assertThat(byStatus.get("ASSIGNED").asLong()).isEqualTo(1);
    }

    private int ready(StaffedOutage outage, String system) {
        Api.Response r = api.get("/api/items?outageId=" + outage.id() + "&targetSystem=" + system
                + "&status=READY&size=200", outage.lead().token());
        assertThat(r.status()).isEqualTo(200);
        return r.body().get("items").size();
    }
}
