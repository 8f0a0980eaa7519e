package org.downtimebacklog.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ItemCaptureTest extends ApiTest {

    String site;
    String otherSite;
    Api.User clerk;
    long outageId;

    @BeforeEach
    void setUp() {
        site = Api.site();
        otherSite = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site, otherSite);
        clerk = api.createUser("CLERK", site);
        outageId = api.createOutage(lead.token(), new String[]{site, otherSite}, "EHR", "EMAR").get("id").asLong();
    }

    @Test
    void aClerkLogsAnItem() {
        ObjectNode body = Api.item(outageId, site);
        Api.Response r = api.createItem(clerk.token(), body);
        assertThat(r.status()).isEqualTo(201);
        JsonNode item = r.body();
        long id = item.get("id").asLong();
        assertThat(r.header("Location")).isEqualTo("/api/items/" + id);
        assertThat(r.header("ETag")).isEqualTo("\"1\"");
        assertThat(item.get("reference").asText()).isEqualTo(String.format("ITM-%06d", id));
        assertThat(item.get("status").asText()).isEqualTo("LOGGED");
        assertThat(item.get("loggedBy").asText()).isEqualTo(clerk.username());
        assertThat(item.get("version").asLong()).isEqualTo(1);
        assertThat(item.get("patient").get("nhsNumber").asText()).isEqualTo("9434765919");
        assertThat(item.get("patient").get("dateOfBirth").asText()).isEqualTo("1950-03-02");
        assertThat(Instant.parse(item.get("occurredAt").asText())).isEqualTo(Instant.parse(body.get("occurredAt").asText()));
        assertThat(Instant.parse(item.get("loggedAt").asText())).isCloseTo(Instant.now(), within());

        JsonNode fetched = api.get("/api/items/" + id, clerk.token()).body();
        assertThat(fetched.get("summary").asText()).isEqualTo("Paracetamol 1 g oral");
        assertThat(fetched.get("paperReference").asText()).isEqualTo(body.get("paperReference").asText());
    }

    @Test
    void nhsNumbersAreCheckedAndNormalised() {
        assertCreated(b -> ((ObjectNode) b.get("patient")).put("nhsNumber", "485-777-3457"), "4857773457");
        assertCreated(b -> ((ObjectNode) b.get("patient")).put("nhsNumber", "4857773457"), "4857773457");
        assertRejected(b -> ((ObjectNode) b.get("patient")).put("nhsNumber", "485 777 3456"), "patient.nhsNumber");
        assertRejected(b -> ((ObjectNode) b.get("patient")).put("nhsNumber", "123 456 7890"), "patient.nhsNumber");
        assertRejected(b -> ((ObjectNode) b.get("patient")).put("nhsNumber", "94347659"), "patient.nhsNumber");
        assertRejected(b -> ((ObjectNode) b.get("patient")).put("nhsNumber", "943476591X"), "patient.nhsNumber");
    }

    @Test
    void aLocalIdentifierIsEnoughButOneIsRequired() {
        assertCreated(b -> ((ObjectNode) b.get("patient")).putNull("nhsNumber").put("localId", "RGH123456"), null);
        assertRejected(b -> ((ObjectNode) b.get("patient")).putNull("nhsNumber"), "patient");
    }

    @Test
    void placementTimeAndEnumsAreChecked() {
        assertRejected(b -> b.put("occurredAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()), "occurredAt");
        assertRejected(b -> b.put("site", "NOT-IN-OUTAGE"), "site");
        assertRejected(b -> b.put("targetSystem", "RIS"), "targetSystem");
        assertRejected(b -> b.put("category", "MEDICATION"), "category");
        assertRejected(b -> b.put("patientStatus", "inpatient"), "patientStatus");
        assertRejected(b -> b.put("highRisk", "yes"), "highRisk");
        assertRejected(b -> b.put("summary", "x".repeat(501)), "summary");
        assertRejected(b -> b.put("ward", ""), "ward");
        assertRejected(b -> b.remove("recordedBy"), "recordedBy");
        assertRejected(b -> ((ObjectNode) b.get("patient")).put("dateOfBirth", "02/03/1950"), "patient.dateOfBirth");
        assertRejected(b -> b.put("unexpected", 1), "unexpected");
    }

    @Test
    void aSiteTheClerkDoesNotWorkAtIsRefused() {
        // the outage covers a second site the clerk does not work at
        assertRejected(b -> b.put("site", otherSite), "site");
    }

    @Test
    void anOutageOfAnotherSiteIsNotFound() {
        Api.User stranger = api.createUser("CLERK", Api.site());
        Api.Response r = api.createItem(stranger.token(), Api.item(outageId, site));
        assertThat(r.status()).isEqualTo(404);
        assertThat(countItems()).isZero();
    }

    @Test
    void malformedBodiesAndMissingHeadersLeaveNothingStored() {
        String key = UUID.randomUUID().toString();
        assertThat(api.send("POST", "/api/items", clerk.token(), "{\"outageId\": ", "Idempotency-Key", key).status()).isEqualTo(400);
        Api.Response textPlain = api.send("POST", "/api/items", clerk.token(), Api.write(Api.item(outageId, site)),
                "Idempotency-Key", key, "Content-Type", "text/plain");
        assertThat(textPlain.status()).isEqualTo(415);
        assertThat(textPlain.contentType()).startsWith("application/problem+json");

        ObjectNode huge = Api.item(outageId, site);
        huge.put("details", "x".repeat(300_000));
        Api.Response tooBig = api.post("/api/items", clerk.token(), huge, "Idempotency-Key", key);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.contentType()).startsWith("application/problem+json");

        Api.Response noKey = api.post("/api/items", clerk.token(), Api.item(outageId, site));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.body().get("violations").get(0).get("field").asText()).isEqualTo("Idempotency-Key");

        Api.Response badKey = api.post("/api/items", clerk.token(), Api.item(outageId, site), "Idempotency-Key", "x".repeat(200));
        assertThat(badKey.status()).isEqualTo(400);

        assertThat(countItems()).isZero();
    }

    @Test
    void anAuditorCannotLogItems() {
        Api.User auditor = api.createUser("AUDITOR", site);
        assertThat(api.createItem(auditor.token(), Api.item(outageId, site)).status()).isEqualTo(403);
    }

    private void assertCreated(Consumer<ObjectNode> change, String expectedNhs) {
        ObjectNode body = Api.item(outageId, site);
        change.accept(body);
        Api.Response r = api.createItem(clerk.token(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        if (expectedNhs != null) {
            assertThat(r.body().get("patient").get("nhsNumber").asText()).isEqualTo(expectedNhs);
        }
    }

    private void assertRejected(Consumer<ObjectNode> change, String field) {
        long before = countItems();
        ObjectNode body = Api.item(outageId, site);
        change.accept(body);
        Api.Response r = api.createItem(clerk.token(), body);
        assertThat(r.status()).as(r.toString()).isIn(400, 422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<String> fields = r.body().get("violations").findValuesAsText("field");
        assertThat(fields).as(r.toString()).contains(field);
        assertThat(r.raw().body()).doesNotContain("Exception").doesNotContain("SQL");
        assertThat(countItems()).isEqualTo(before);
    }

    private long countItems() {
        return api.get("/api/items?size=200&outageId=" + outageId, api.adminToken()).body().get("items").size();
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES);
    }
}
