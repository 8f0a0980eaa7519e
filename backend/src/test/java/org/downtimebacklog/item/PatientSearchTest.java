package org.downtimebacklog.item;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A patient's identifier never goes into a URL: the search takes it in the body, and the list refuses it. */
@MicronautTest(transactional = false)
class PatientSearchTest extends ApiTest {

    @Test
    void thePatientSearchTakesTheIdentifierInTheBodyAndIsAudited() {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        long id = outage.log(b -> { }).get("id").asLong();
        outage.log(b -> ((com.fasterxml.jackson.databind.node.ObjectNode) b.get("patient")).put("nhsNumber", "485 777 3457"));

        Api.Response found = api.post("/api/items/search", outage.clerk().token(), Map.of("patient", "943 476 5919"));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.body().get("items").findValues("id").stream().map(JsonNode::asLong).toList()).containsExactly(id);
        assertThat(found.raw().body()).doesNotContain("9434765919");

        boolean audited = false;
        for (JsonNode event : api.get("/api/audit?user=" + outage.clerk().username(), api.adminToken()).body()) {
            audited |= event.get("action").asText().equals("PATIENT_SEARCHED")
                    && event.get("changes").get("items").get("new").toString().contains(String.valueOf(id));
        }
        assertThat(audited).isTrue();
    }

    @Test
    void theListRefusesAPatientInTheUrlAndTheSearchNamesItsBadFields() {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        Api.Response inUrl = api.get("/api/items?patient=9434765919", outage.clerk().token());
        assertThat(inUrl.status()).isEqualTo(400);
        assertThat(inUrl.body().get("violations").get(0).get("field").asText()).isEqualTo("patient");

        Api.Response blank = api.post("/api/items/search", outage.clerk().token(), Map.of("patient", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().get("violations").findValuesAsText("field")).contains("patient");
        Api.Response tooBig = api.post("/api/items/search", outage.clerk().token(), Map.of("patient", "9434765919", "size", 5000));
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.body().get("violations").findValuesAsText("field")).contains("size");
        assertThat(api.post("/api/items/search", null, Map.of("patient", "9434765919")).status()).isEqualTo(401);
    }
}
