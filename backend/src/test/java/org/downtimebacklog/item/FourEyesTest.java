package org.downtimebacklog.item;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second-person check is a clinical-safety control: once an item needs it, nothing the person holding or entering
 * it can do removes it. Each test tries one way round it.
 */
@MicronautTest(transactional = false)
class FourEyesTest extends ApiTest {

    StaffedOutage outage;
    Api.User lead;
    Api.User clerk;

    @BeforeEach
    void setUp() {
        outage = StaffedOutage.open(api, "EMAR");
        outage.recover("EMAR");
        lead = outage.lead();
        clerk = outage.clerk();
    }

    @Test
    void theAssigneeCannotRecategoriseAMedicationItemAndThenCloseItUnchecked() {
        long id = claimedMedicationItem();
        Api.Response recategorised = correct(id, clerk, Map.of("category", "OBSERVATIONS", "reason", "not medication"));
        assertThat(recategorised.status()).as(recategorised.toString()).isEqualTo(403);
        assertThat(recategorised.contentType()).startsWith("application/problem+json");

        JsonNode entered = move(id, clerk, Map.of("to", "ENTERED", "externalReference", "EMAR-1")).body();
        assertThat(entered.get("category").asText()).isEqualTo("MEDICATION_ADMINISTRATION");
        assertThat(entered.get("needsVerification").asBoolean()).isTrue();
        assertThat(entered.get("closed").asBoolean()).isFalse();
    }

    @Test
    void theAssigneeCannotClearHighRisk() {
        long id = claimed(b -> b.put("category", "OBSERVATIONS").put("highRisk", true));
        Api.Response cleared = correct(id, clerk, Map.of("highRisk", false, "reason", "not high risk"));
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(403);
        assertThat(view(id).get("highRisk").asBoolean()).isTrue();
        assertThat(view(id).get("needsVerification").asBoolean()).isTrue();
    }

    @Test
    void noClerkCanRemoveTheNeedEvenBeforeTheItemIsTaken() {
        long id = outage.log(b -> { }).get("id").asLong();
        Api.Response r = correct(id, clerk, Map.of("category", "OBSERVATIONS", "reason", "misfiled"));
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(view(id).get("needsVerification").asBoolean()).isTrue();
    }

    @Test
    void aTeamLeadWhoHoldsTheItemCannotRemoveTheNeedEither() {
        long id = outage.log(b -> { }).get("id").asLong();
        Api.User leadWorker = api.createUser(new String[]{"TEAM_LEAD"}, new String[]{outage.site()}, new String[]{"EMAR"});
        assertThat(api.post("/api/items/assign", lead.token(), Map.of("ids", List.of(id), "assignee", leadWorker.username()))
                .body().get("succeeded").asInt()).isEqualTo(1);
        Api.Response r = correct(id, leadWorker, Map.of("category", "OBSERVATIONS", "reason", "misfiled"));
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
    }

    @Test
    void aTeamLeadWhoIsNeitherMayRemoveItWithAReasonAndItIsAudited() {
        long id = claimedMedicationItem();
        Api.Response noReason = correct(id, lead, Map.of("category", "OBSERVATIONS"));
        assertThat(noReason.status()).as(noReason.toString()).isEqualTo(422);
        assertThat(noReason.body().get("violations").get(0).get("field").asText()).isEqualTo("reason");

        Api.Response ok = correct(id, lead, Map.of("category", "OBSERVATIONS", "reason", "obs chart filed as MAR"));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.body().get("needsVerification").asBoolean()).isFalse();
        JsonNode updated = null;
        for (JsonNode event : api.get("/api/items/" + id + "/history", lead.token()).body()) {
            if (event.get("action").asText().equals("ITEM_UPDATED")) {
                updated = event;
            }
        }
        assertThat(updated).isNotNull();
        assertThat(updated.get("actor").asText()).isEqualTo(lead.username());
        assertThat(updated.get("reason").asText()).isEqualTo("obs chart filed as MAR");
        assertThat(updated.get("changes").get("category").get("old").asText()).isEqualTo("MEDICATION_ADMINISTRATION");
    }

    @Test
    void aCorrectionThatKeepsTheNeedIsTheAssigneesToMake() {
        long id = claimedMedicationItem();
        Api.Response r = correct(id, clerk, Map.of("category", "PRESCRIPTION", "highRisk", true, "reason", "it was a prescription"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body().get("needsVerification").asBoolean()).isTrue();
    }

    @Test
    void onceEnteredNoBulkActionOverrideReassignmentOrDuplicateMarkingClosesItUnchecked() {
        long id = claimedMedicationItem();
        assertThat(move(id, clerk, Map.of("to", "ENTERED", "externalReference", "EMAR-2")).status()).isEqualTo(200);

        assertThat(correct(id, lead, Map.of("category", "OBSERVATIONS", "reason", "x")).status()).isEqualTo(409);
        for (String action : List.of("NOT_REQUIRED", "HOLD", "RELEASE")) {
            JsonNode result = api.post("/api/items/bulk", lead.token(),
                    Map.of("ids", List.of(id), "action", action, "reason", "clearing the board")).body();
            assertThat(result.get("succeeded").asInt()).as(action).isZero();
            assertThat(result.get("results").get(0).get("status").asInt()).as(action).isEqualTo(409);
        }
        JsonNode overridden = api.post("/api/items/bulk", lead.token(),
                Map.of("ids", List.of(id), "action", "OVERRIDE_PRIORITY", "band", "P4", "reason", "routine")).body();
        assertThat(overridden.get("succeeded").asInt()).isEqualTo(1);
        JsonNode reassigned = api.post("/api/items/assign", lead.token(),
                Map.of("ids", List.of(id), "assignee", lead.username())).body();
        assertThat(reassigned.get("succeeded").asInt()).isZero();
        long other = outage.log(b -> b.put("occurredAt", java.time.Instant.now().minusSeconds(7200).toString())).get("id").asLong();
        assertThat(move(id, lead, Map.of("to", "DUPLICATE", "duplicateOf", other)).status()).isEqualTo(409);
        assertThat(move(id, lead, Map.of("to", "NOT_REQUIRED", "reason", "scanned")).status()).isEqualTo(409);

        JsonNode item = view(id);
        assertThat(item.get("status").asText()).isEqualTo("ENTERED");
        assertThat(item.get("needsVerification").asBoolean()).isTrue();
        assertThat(item.get("closed").asBoolean()).isFalse();
        // and the person who entered it still cannot verify it
        assertThat(move(id, clerk, Map.of("to", "VERIFIED")).status()).isEqualTo(403);
        assertThat(move(id, lead, Map.of("to", "VERIFIED")).status()).isEqualTo(200);
    }

    private long claimedMedicationItem() {
        return claimed(b -> { });
    }

    private long claimed(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
        long id = outage.log(change).get("id").asLong();
        Api.Response next = api.post("/api/queue/next", clerk.token(), Map.of());
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(next.body().get("id").asLong()).isEqualTo(id);
        return id;
    }

    private JsonNode view(long id) {
        return api.get("/api/items/" + id, lead.token()).body();
    }

    private Api.Response correct(long id, Api.User who, Map<String, Object> body) {
        String etag = api.get("/api/items/" + id, who.token()).header("ETag");
        return api.patch("/api/items/" + id, who.token(), new HashMap<>(body), "If-Match", etag);
    }

    private Api.Response move(long id, Api.User who, Map<String, Object> body) {
        String etag = api.get("/api/items/" + id, who.token()).header("ETag");
        return api.post("/api/items/" + id + "/transitions", who.token(), body, "If-Match", etag);
    }
}
