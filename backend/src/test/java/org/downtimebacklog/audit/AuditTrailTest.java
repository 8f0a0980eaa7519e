package org.downtimebacklog.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An audit trail an auditor can trust: scoped to the auditor's sites, and recording its own reading and refusals. */
@MicronautTest(transactional = false)
class AuditTrailTest extends ApiTest {

    @Test
    void anAuditorReadsTheItemEventsOfTheirOwnSitesOnlyAndTheReadingIsRecorded() {
        StaffedOutage here = StaffedOutage.open(api, "EMAR");
        StaffedOutage there = StaffedOutage.open(api, "EMAR");
        long mine = here.log(b -> { }).get("id").asLong();
        long theirs = there.log(b -> ((com.fasterxml.jackson.databind.node.ObjectNode) b.get("patient"))
                .put("nhsNumber", "485 777 3457").put("name", "Other Site Patient")).get("id").asLong();
        Api.User auditor = api.createUser("AUDITOR", here.site());

        Api.Response own = api.get("/api/audit?itemId=" + mine, auditor.token());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().findValuesAsText("action")).contains("ITEM_CREATED");
        Api.Response other = api.get("/api/audit?itemId=" + theirs, auditor.token());
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body()).isEmpty();
        Api.Response byClerk = api.get("/api/audit?user=" + there.clerk().username(), auditor.token());
        assertThat(byClerk.raw().body()).doesNotContain("4857773457").doesNotContain("Other Site Patient");

        assertThat(actions(auditor.username())).contains("AUDIT_SEARCHED");
        // an administrator with every site sees both
        assertThat(api.get("/api/audit?itemId=" + theirs, api.adminToken()).body().findValuesAsText("action"))
                .contains("ITEM_CREATED");
    }

    @Test
    void theItemsInSomeonesQueueAreRecordedAsViewedWhenListed() {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        outage.recover("EMAR");
        long id = outage.log(b -> { }).get("id").asLong();
        assertThat(api.post("/api/queue/next", outage.clerk().token(), Map.of()).status()).isEqualTo(200);
        JsonNode mine = api.get("/api/queue/mine", outage.clerk().token()).body();
        assertThat(mine.get(0).get("patient").get("nhsNumber").asText()).isEqualTo("9434765919");
        List<String> viewers = new ArrayList<>();
        for (JsonNode event : api.get("/api/items/" + id + "/history", outage.lead().token()).body()) {
            if (event.get("action").asText().equals("ITEM_VIEWED")) {
                viewers.add(event.get("actor").asText());
            }
        }
        assertThat(viewers).contains(outage.clerk().username());
    }

    @Test
    void refusedAndThrottledRequestsAreRecordedWithTheClientAndWithoutTheQuery() {
        Api.User clerk = api.createUser("CLERK", "RGH");
        assertThat(api.get("/api/users?secret=4857773457", clerk.token()).status()).isEqualTo(403);
        JsonNode denied = api.lastAuditEvent(clerk.username(), "ACCESS_DENIED");
        assertThat(denied.get("changes").get("path").get("new").asText()).isEqualTo("/api/users");
        assertThat(denied.get("changes").get("client").get("new").asText()).isNotBlank();
        assertThat(denied.toString()).doesNotContain("4857773457");

        Api.User target = api.createUser("CLERK", "RGH");
        for (int i = 0; i < 3; i++) {
            api.post("/api/auth/login", null, Map.of("username", target.username(), "password", "wrong-password-" + i));
        }
        assertThat(api.post("/api/auth/login", null, Map.of("username", target.username(), "password", "again")).status())
                .isEqualTo(429);
        JsonNode throttled = api.lastAuditEvent(target.username(), "REQUEST_THROTTLED");
        assertThat(throttled.get("changes").get("path").get("new").asText()).isEqualTo("/api/auth/login");
        assertThat(throttled.toString()).doesNotContain("again");
    }

    private List<String> actions(String username) {
        return api.get("/api/audit?user=" + username + "&limit=500", api.adminToken()).body().findValuesAsText("action");
    }
}
