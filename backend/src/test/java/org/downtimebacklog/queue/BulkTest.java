package org.downtimebacklog.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class BulkTest extends ApiTest {

    String site;
    Api.User lead;
    Api.User clerk;
    long outageId;

    StaffedOutage outage;

    @BeforeEach
    void setUp() {
        outage = StaffedOutage.open(api, "EMAR", "LIMS");
        site = outage.site();
        lead = outage.lead();
        clerk = outage.clerk();
        outageId = outage.id();
        outage.recover("EMAR");
    }

    @Test
    void aLeadAssignsReadyItemsAndEachItemIsAnsweredForOnItsOwn() {
        long ready1 = item("EMAR");
        long ready2 = item("EMAR");
        long waiting = item("LIMS");     // still LOGGED
        Api.User otherSiteLead = api.createUser("TEAM_LEAD", Api.site());
        long another = api.createItem(lead.token(), Api.item(outageId, site)).body().get("id").asLong();

        Api.Response r = api.post("/api/items/assign", lead.token(),
                Map.of("ids", List.of(ready1, ready2, waiting, 999_999_999L), "assignee", clerk.username()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("succeeded").asInt()).isEqualTo(2);
        assertThat(r.body().get("failed").asInt()).isEqualTo(2);
        JsonNode results = r.body().get("results");
        assertThat(results.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(results.get(0).get("item").get("assignedTo").asText()).isEqualTo(clerk.username());
        assertThat(results.get(2).get("status").asInt()).isEqualTo(409);
        assertThat(results.get(3).get("status").asInt()).isEqualTo(404);
        assertThat(api.get("/api/queue/mine", clerk.token()).body().findValues("id").stream().map(JsonNode::asLong))
                .containsExactlyInAnyOrder(ready1, ready2);

        assertThat(api.post("/api/items/assign", clerk.token(), Map.of("ids", List.of(another), "assignee", clerk.username()))
                .status()).isEqualTo(403);
        assertThat(api.post("/api/items/assign", otherSiteLead.token(), Map.of("ids", List.of(another), "assignee", clerk.username()))
                .body().get("results").get(0).get("status").asInt()).isEqualTo(404);
        Api.Response nobody = api.post("/api/items/assign", lead.token(), Map.of("ids", List.of(another), "assignee", "no-such-user"));
        assertThat(nobody.status()).isEqualTo(422);
        assertThat(nobody.body().get("violations").get(0).get("field").asText()).isEqualTo("assignee");
    }

    @Test
    void anAssigneeMustWorkInTheItemsSystem() {
        long lims = item("LIMS");
        api.post("/api/outages/" + outageId + "/systems/LIMS/recovered", lead.token(),
                Map.of("recoveredAt", Instant.now().minusSeconds(5).toString()));
        Api.User emarOnly = api.createUser(new String[]{"CLERK"}, new String[]{site}, new String[]{"EMAR"});
        JsonNode result = api.post("/api/items/assign", lead.token(), Map.of("ids", List.of(lims), "assignee", emarOnly.username()))
                .body().get("results").get(0);
        assertThat(result.get("status").asInt()).isEqualTo(422);
        assertThat(result.get("violations").get(0).get("field").asText()).isEqualTo("assignee");
    }

    @Test
    void bulkHoldNotRequiredAndPriorityReportPartialFailures() {
        long a = item("EMAR");
        long b = item("EMAR");
        long closed = item("EMAR");
        api.post("/api/items/bulk", lead.token(), Map.of("ids", List.of(closed), "action", "NOT_REQUIRED", "reason", "scanned"));

        Api.Response hold = api.post("/api/items/bulk", lead.token(),
                Map.of("ids", List.of(a, b, closed), "action", "HOLD", "reason", "query to ward"));
        assertThat(hold.body().get("succeeded").asInt()).isEqualTo(2);
        JsonNode failed = hold.body().get("results").get(2);
        assertThat(failed.get("id").asLong()).isEqualTo(closed);
        assertThat(failed.get("status").asInt()).isEqualTo(409);
        assertThat(failed.get("detail").asText()).contains("NOT_REQUIRED");

        Api.Response noReason = api.post("/api/items/bulk", lead.token(), Map.of("ids", List.of(a), "action", "NOT_REQUIRED"));
        assertThat(noReason.body().get("results").get(0).get("status").asInt()).isEqualTo(422);

        Api.Response p1 = api.post("/api/items/bulk", lead.token(),
                Map.of("ids", List.of(a, b), "action", "OVERRIDE_PRIORITY", "band", "P1", "reason", "discharge due"));
        assertThat(p1.body().get("results").findValuesAsText("band")).containsOnly("P1");
        Api.Response badBand = api.post("/api/items/bulk", lead.token(),
                Map.of("ids", List.of(a), "action", "OVERRIDE_PRIORITY", "band", "P9", "reason", "x"));
        assertThat(badBand.body().get("results").get(0).get("status").asInt()).isEqualTo(422);

        assertThat(api.post("/api/items/bulk", clerk.token(), Map.of("ids", List.of(a), "action", "HOLD", "reason", "x"))
                .status()).isEqualTo(403);
        assertThat(api.post("/api/items/bulk", lead.token(), Map.of("ids", List.of(a), "action", "SHRED")).status())
                .isEqualTo(400);
    }

    private long item(String system) {
        return outage.log(body -> body.put("targetSystem", system)).get("id").asLong();
    }
}
