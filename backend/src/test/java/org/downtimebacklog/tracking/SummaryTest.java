package org.downtimebacklog.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class SummaryTest extends ApiTest {

    @Test
    void theSummaryCountsTheBacklogAndForecastsItsEnd() {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR", "LIMS");
        String site = outage.site();
        Api.User lead = outage.lead();
        Api.User clerk = outage.clerk();
        long outageId = outage.id();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        long observations = log(clerk, outageId, site, b -> b.put("category", "OBSERVATIONS").put("ward", "W1")
                .put("occurredAt", now.minus(5, ChronoUnit.HOURS).toString()));
        long replayed = log(clerk, outageId, site, b -> b.put("ward", "W1"));
        long waiting = log(clerk, outageId, site, b -> b.put("ward", "W2").put("highRisk", true)
                .put("occurredAt", now.minus(4, ChronoUnit.HOURS).toString()));
        long lims = log(clerk, outageId, site, b -> b.put("targetSystem", "LIMS").put("category", "RESULT").put("ward", "W9")
                .put("occurredAt", now.minus(3, ChronoUnit.HOURS).toString()));

        api.post("/api/outages/" + outageId + "/systems/EMAR/recovered", lead.token(),
                Map.of("recoveredAt", now.minusSeconds(60).toString()));
        api.post("/api/items/assign", lead.token(), Map.of("ids", List.of(observations), "assignee", clerk.username()));
        api.post("/api/items/" + observations + "/transitions", clerk.token(),
                Map.of("to", "ENTERED", "externalReference", "OBS-9"), "If-Match", etag(lead, observations));
        api.post("/api/items/bulk", lead.token(), Map.of("ids", List.of(replayed), "action", "NOT_REQUIRED",
                "reason", "eMAR interface replayed it"));
        api.post("/api/items/assign", lead.token(), Map.of("ids", List.of(waiting), "assignee", clerk.username()));

        // corrections and overrides move the open counts too
        api.patch("/api/items/" + lims, clerk.token(), Map.of("ward", "W3"), "If-Match", etag(lead, lims));

        Api.Response r = api.get("/api/outages/" + outageId + "/summary", lead.token());
        assertThat(r.status()).isEqualTo(200);
        JsonNode s = r.body();
        assertThat(s.get("total").asLong()).isEqualTo(4);
        assertThat(s.get("open").asLong()).isEqualTo(2);
        assertThat(s.get("byStatus").get("ENTERED").asLong()).isEqualTo(1);
        assertThat(s.get("byStatus").get("NOT_REQUIRED").asLong()).isEqualTo(1);
        assertThat(s.get("byStatus").get("ASSIGNED").asLong()).isEqualTo(1);
        assertThat(s.get("byStatus").get("LOGGED").asLong()).isEqualTo(1);
        assertThat(s.get("byStatus").get("VERIFIED").asLong()).isZero();
        assertThat(s.get("openByTargetSystem").get("EMAR").asLong()).isEqualTo(1);
        assertThat(s.get("openByTargetSystem").get("LIMS").asLong()).isEqualTo(1);
        assertThat(s.get("openByWard").get("W2").asLong()).isEqualTo(1);
        assertThat(s.get("openByWard").get("W3").asLong()).isEqualTo(1);
        assertThat(s.get("openByWard").has("W1")).isFalse();
        assertThat(s.get("openByWard").has("W9")).isFalse();
        assertThat(s.get("openByBand").get("P1").asLong()).isEqualTo(1);   // the high-risk one
        assertThat(s.get("openByBand").get("P2").asLong() + s.get("openByBand").get("P3").asLong()).isEqualTo(1);

        assertThat(s.get("oldestOpen").get("itemId").asLong()).isEqualTo(waiting);
        assertThat(s.get("oldestOpen").get("ageHours").asDouble()).isBetween(3.9, 4.1);
        assertThat(s.get("enteredPerHour").get("last1h").asDouble()).isEqualTo(1.0);
        assertThat(s.get("enteredPerHour").get("last4h").asDouble()).isEqualTo(0.3);   // 1 in 4 h, to one decimal
        assertThat(s.get("hoursToClear").asDouble()).isEqualTo(8.0);                 // 2 open at 0.25 an hour

        JsonNode burnDown = s.get("burnDown");
        assertThat(burnDown.size()).isBetween(6, 8);                                    // began 6 h ago
        assertThat(burnDown.get(burnDown.size() - 1).get("open").asLong()).isEqualTo(2);
        assertThat(burnDown.get(0).get("open").asLong()).isZero();

        Api.User stranger = api.createUser("TEAM_LEAD", Api.site());
        assertThat(api.get("/api/outages/" + outageId + "/summary", stranger.token()).status()).isEqualTo(404);

        // the running counts agree with a recount from the items
        assertThat(api.post("/api/outages/" + outageId + "/summary/recount", lead.token(), null).status()).isEqualTo(403);
        api.post("/api/outages/" + outageId + "/summary/recount", api.adminToken(), null);
        JsonNode recounted = api.get("/api/outages/" + outageId + "/summary", lead.token()).body();
        for (String field : List.of("total", "open", "byStatus", "openByBand", "openByTargetSystem", "openByWard")) {
            assertThat(recounted.get(field)).as(field).isEqualTo(s.get(field));
        }
        assertThat(recounted.get("burnDown").findValuesAsText("open")).isEqualTo(burnDown.findValuesAsText("open"));

        JsonNode workload = api.get("/api/workload", lead.token()).body();
        JsonNode mine = null;
        for (JsonNode person : workload) {
            if (person.get("username").asText().equals(clerk.username())) {
                mine = person;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("assigned").asLong()).isEqualTo(1);
        assertThat(mine.get("enteredToday").asLong()).isEqualTo(1);
        assertThat(mine.get("verifiedToday").asLong()).isZero();
        assertThat(api.get("/api/workload", clerk.token()).status()).isEqualTo(403);
    }

    private String etag(Api.User who, long id) {
        return api.get("/api/items/" + id, who.token()).header("ETag");
    }

    private long log(Api.User clerk, long outageId, String site, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode body = Api.item(outageId, site);
        change.accept(body);
        return api.logItem(clerk.token(), body).get("id").asLong();
    }
}
