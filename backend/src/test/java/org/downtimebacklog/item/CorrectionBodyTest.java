package org.downtimebacklog.item;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A correction's body is read by the rules of a new item: every bad part is a 400 naming it, and nothing changes. */
@MicronautTest(transactional = false)
class CorrectionBodyTest extends ApiTest {

    StaffedOutage outage;
    long id;

    @BeforeEach
    void setUp() {
        outage = StaffedOutage.open(api, "EMAR");
        id = outage.log(b -> { }).get("id").asLong();
    }

    @Test
    void eachBadPartIsNamedAndNothingChanges() {
        assertRefused("{\"bogus\": 1}", "bogus");
        assertRefused("{\"outageId\": 2}", "outageId");
        assertRefused("{\"ward\": 5}", "ward");
        assertRefused("{\"ward\": \"\"}", "ward");
        assertRefused("{\"ward\": \"   \"}", "ward");
        assertRefused("{\"ward\": \"W\\u00007\"}", "ward");
        assertRefused("{\"highRisk\": \"yes\"}", "highRisk");
        assertRefused("{\"category\": \"SURGERY\"}", "category");
        assertRefused("{\"patient\": {\"nhsNumber\": \"943 476 5918\"}}", "patient.nhsNumber");
        assertRefused("{\"patient\": {\"localId\": \"no spaces allowed\"}}", "patient.localId");
        assertRefused("{\"patient\": \"Jane\"}", "patient");
        assertRefused("{\"summary\": \"s\", \"reason\": \"" + "r".repeat(501) + "\"}", "reason");
        assertRefused("{\"reason\": 5}", "reason");
        Api.Response array = api.send("PATCH", "/api/items/" + id, outage.clerk().token(), "[1]", "If-Match", "\"1\"");
        assertThat(array.status()).as(array.toString()).isEqualTo(400);
        assertThat(item().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void leftOutOrNullStaysEmptyClearsAnOptionalTextAndThePatientGoesAsAWhole() {
        Map<String, Object> body = new HashMap<>();
        body.put("summary", null);
        body.put("paperReference", "");
        body.put("patient", Map.of("localId", "RGH-123"));
        body.put("reason", "sheet re-read");
        Api.Response r = api.patch("/api/items/" + id, outage.clerk().token(), body, "If-Match", "\"1\"");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode corrected = r.body();
        assertThat(corrected.get("summary").asText()).isEqualTo("Paracetamol 1 g oral");
        assertThat(corrected.get("paperReference").isNull()).isTrue();
        assertThat(corrected.get("patient").get("localId").asText()).isEqualTo("RGH-123");
        assertThat(corrected.get("patient").get("nhsNumber").isNull()).isTrue();
        assertThat(corrected.get("patient").get("name").isNull()).isTrue();
        assertThat(corrected.get("ward").asText()).isEqualTo("Ward 7");
        assertThat(corrected.get("outageId").asLong()).isEqualTo(outage.id());

        Api.Response nothing = api.patch("/api/items/" + id, outage.clerk().token(), Map.of(), "If-Match", "\"2\"");
        assertThat(nothing.status()).isEqualTo(200);
        assertThat(nothing.header("ETag")).isEqualTo("\"2\"");
    }

    private void assertRefused(String body, String field) {
        Api.Response r = api.send("PATCH", "/api/items/" + id, outage.clerk().token(), body, "If-Match", "\"1\"");
        assertThat(r.status()).as(body + " -> " + r).isIn(400, 422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("violations").findValuesAsText("field")).as(body + " -> " + r).contains(field);
        assertThat(item().get("version").asLong()).as(body).isEqualTo(1);
    }

    private JsonNode item() {
        return api.get("/api/items/" + id, outage.lead().token()).body();
    }
}
