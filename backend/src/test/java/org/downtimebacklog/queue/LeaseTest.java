package org.downtimebacklog.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A claim is a lease: work nobody touches for the lease returns to the queue by itself. */
@MicronautTest(transactional = false)
@Property(name = "backlog.queue.lease", value = "2s")
@Property(name = "backlog.queue.lease-sweep-interval", value = "500ms")
class LeaseTest extends ApiTest {

    @Test
    void anAbandonedClaimReturnsToReady() throws InterruptedException {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        Api.User clerk = api.createUser("CLERK", site);
        long outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
        api.post("/api/outages/" + outageId + "/systems/EMAR/recovered", lead.token(),
                Map.of("recoveredAt", Instant.now().minusSeconds(5).toString()));
        long id = api.createItem(clerk.token(), Api.item(outageId, site)).body().get("id").asLong();
        assertThat(api.post("/api/queue/next", clerk.token(), Map.of()).body().get("id").asLong()).isEqualTo(id);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String status = "ASSIGNED";
        while (status.equals("ASSIGNED") && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            status = api.get("/api/audit?itemId=" + id, api.adminToken()).body().findValuesAsText("action")
                    .contains("LEASE_EXPIRED") ? "READY" : "ASSIGNED";
        }
        JsonNode item = api.get("/api/items/" + id, lead.token()).body();
        assertThat(item.get("status").asText()).isEqualTo("READY");
        assertThat(item.get("assignedTo").isNull()).isTrue();
        assertThat(api.get("/api/queue/mine", clerk.token()).body()).isEmpty();
        JsonNode expired = api.get("/api/audit?itemId=" + id, api.adminToken()).body();
        assertThat(expired.findValuesAsText("actor")).contains("system");
        // and someone else can take it now
        Api.User other = api.createUser("CLERK", site);
        assertThat(api.post("/api/queue/next", other.token(), Map.of()).body().get("id").asLong()).isEqualTo(id);
    }
}
