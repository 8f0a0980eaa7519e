package org.downtimebacklog.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values that used to be stored wrongly or reach a 500: each now gets a 4xx problem naming the field, and nothing is
 * stored.
 */
@MicronautTest(transactional = false)
class ItemInputTest extends ApiTest {

    StaffedOutage outage;

    @BeforeEach
    void setUp() {
        // the outage began 6 hours ago
        outage = StaffedOutage.open(api, "EMAR");
    }

    @Test
    void clinicalTimesOutsideTheOutageAreRefused() {
        for (String occurredAt : new String[]{"-999999999-01-01T00:00:00Z", "-0001-06-01T10:00:00Z",
                "2019-06-01T10:00:00Z", Instant.now().minus(Duration.ofHours(31)).toString()}) {
            refused(b -> b.put("occurredAt", occurredAt), "occurredAt");
        }
        // up to a day before the outage began is accepted (care given just before the systems failed)
        Api.Response r = api.createItem(outage.clerk().token(), Api.item(outage.id(), outage.site())
                .put("occurredAt", Instant.now().minus(Duration.ofHours(29)).toString()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @Test
    void aCorrectedClinicalTimeIsHeldToTheSameBounds() {
        JsonNode item = outage.log(b -> { });
        Api.Response r = api.patch("/api/items/" + item.get("id").asLong(), outage.clerk().token(),
                Map.of("occurredAt", "-999999999-01-01T00:00:00Z"), "If-Match", "\"1\"");
        assertField(r, "occurredAt");
    }

    @Test
    void datesOfBirthBefore1880AreRefused() {
        for (String dob : new String[]{"0001-01-01", "1879-12-31", "-0001-01-01"}) {
            refused(b -> ((ObjectNode) b.get("patient")).put("dateOfBirth", dob), "patient.dateOfBirth");
        }
        JsonNode oldest = outage.log(b -> ((ObjectNode) b.get("patient")).put("dateOfBirth", "1880-01-01"));
        assertThat(oldest.get("patient").get("dateOfBirth").asText()).isEqualTo("1880-01-01");
    }

    @Test
    void controlCharactersAreRefusedExceptTabAndNewlineInFreeText() {
        refused(b -> b.put("ward", "Ward\u00007"), "ward");
        refused(b -> ((ObjectNode) b.get("patient")).put("name", "Jane\u0007Example"), "patient.name");
        refused(b -> b.put("recordedBy", "Nurse\u001bAble"), "recordedBy");
        refused(b -> b.put("summary", "Paracetamol\u0000"), "summary");
        refused(b -> b.put("ward", "Ward\n7"), "ward");
        refused(b -> b.put("details", "ok\u007f"), "details");
        JsonNode ok = outage.log(b -> b.put("summary", "Paracetamol\n1 g").put("details", "line one\r\nline two\tcolumn"));
        assertThat(ok.get("summary").asText()).isEqualTo("Paracetamol\n1 g");
        assertThat(ok.get("details").asText()).isEqualTo("line one\r\nline two\tcolumn");
    }

    private void refused(Consumer<ObjectNode> change, String field) {
        long before = count();
        ObjectNode body = Api.item(outage.id(), outage.site());
        change.accept(body);
        assertField(api.createItem(outage.clerk().token(), body), field);
        assertThat(count()).as("nothing stored for " + body).isEqualTo(before);
    }

    private long count() {
        return api.get("/api/items?outageId=" + outage.id() + "&size=200", outage.lead().token()).body().get("items").size();
    }

    static void assertField(Api.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isBetween(400, 499);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("violations").findValuesAsText("field")).as(r.toString()).contains(field);
    }
}
