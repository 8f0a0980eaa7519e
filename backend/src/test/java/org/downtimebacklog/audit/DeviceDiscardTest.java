package org.downtimebacklog.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A device reports items it discarded unsent: counted and timed in the audit trail, against the caller. */
@MicronautTest(transactional = false)
class DeviceDiscardTest extends ApiTest {

    @Test
    void aClerksDeviceDiscardIsRecordedWithTheCountAndTimesOnly() {
        Api.User clerk = api.createUser("CLERK", "RGH");
        Api.Response answer = api.post("/api/audit/device-discards", clerk.token(), Map.of(
                "count", 3, "oldestCapturedAt", "2026-11-20T08:00:00Z", "newestCapturedAt", "2026-11-20T09:30:00Z"));
        assertThat(answer.status()).isEqualTo(204);

        JsonNode found = null;
        for (JsonNode event : api.get("/api/audit?user=" + clerk.username() + "&limit=500", api.adminToken()).body()) {
            if (event.get("action").asText().equals("OUTBOX_DISCARDED")) {
                found = event;
            }
        }
        assertThat(found).isNotNull();
        assertThat(found.get("actor").asText()).isEqualTo(clerk.username());
        assertThat(found.get("changes").get("count").get("new").asInt()).isEqualTo(3);
        assertThat(found.get("changes").get("oldestCapturedAt").get("new").asText()).isEqualTo("2026-11-20T08:00:00Z");
    }

    @Test
    void onlyPeopleWhoCaptureMayReportAndTheCountMustBePositive() {
        Api.User auditor = api.createUser("AUDITOR", "RGH");
        assertThat(api.post("/api/audit/device-discards", auditor.token(),
                Map.of("count", 1, "oldestCapturedAt", "2026-11-20T08:00:00Z")).status()).isEqualTo(403);
        assertThat(api.post("/api/audit/device-discards", null,
                Map.of("count", 1, "oldestCapturedAt", "2026-11-20T08:00:00Z")).status()).isEqualTo(401);
        Api.User clerk = api.createUser("CLERK", "RGH");
        assertThat(api.post("/api/audit/device-discards", clerk.token(),
                Map.of("count", 0, "oldestCapturedAt", "2026-11-20T08:00:00Z")).status()).isIn(400, 422);
        assertThat(api.post("/api/audit/device-discards", clerk.token(), Map.of("count", 2)).status()).isIn(400, 422);
    }
}
