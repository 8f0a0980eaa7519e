package org.downtimebacklog.duplicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Before saving, the web app asks whether the item it is about to log repeats one already logged. */
@MicronautTest(transactional = false)
class DuplicateCheckTest extends ApiTest {

    String siteA;
    String siteB;
    Api.User clerkA;
    Api.User clerkB;
    long outageId;
    Instant care = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void setUp() {
        siteA = Api.site();
        siteB = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", siteA, siteB);
        clerkA = api.createUser("CLERK", siteA);
        clerkB = api.createUser("CLERK", siteB);
        outageId = api.createOutage(lead.token(), new String[]{siteA, siteB}, "EMAR", "EHR").get("id").asLong();
    }

    @Test
    void findsWhatLoggingWouldFlagAtTheCallersSitesOnly() {
        long atA = log(clerkA, siteA, care, b -> { });
        log(clerkB, siteB, care, b -> { });

        Api.Response r = check(clerkA, care.plus(10, ChronoUnit.MINUTES), b -> { });
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(ids(r.body())).containsExactly(atA);
        JsonNode item = r.body().get(0);
        assertThat(item.get("patientMasked").asText()).isEqualTo("NHS *** *** 5919");
        assertThat(item.get("site").asText()).isEqualTo(siteA);
        assertThat(item.get("reference").asText()).startsWith("ITM-");
        assertThat(item.get("priority").get("band").asText()).isNotBlank();
        assertThat(r.raw().body()).doesNotContain("9434765919").doesNotContain("Jane Example").doesNotContain("1950-03-02");

        // someone who works at both sites sees both
        assertThat(ids(check(api.adminToken(), care.minus(15, ChronoUnit.MINUTES), b -> { }).body())).hasSize(2);
        // the NHS number may be grouped in any way
        assertThat(ids(check(clerkA, care, b -> ((ObjectNode) b.get("patient")).put("nhsNumber", "943-476-5919")).body()))
                .containsExactly(atA);
    }

    @Test
    void onlyTheSamePatientCategorySystemAndWindowMatch() {
        log(clerkA, siteA, care, b -> { });
        assertThat(check(clerkA, care.plus(16, ChronoUnit.MINUTES), b -> { }).body()).isEmpty();
        assertThat(check(clerkA, care, b -> b.put("category", "OBSERVATIONS")).body()).isEmpty();
        assertThat(check(clerkA, care, b -> b.put("targetSystem", "EHR")).body()).isEmpty();
        assertThat(check(clerkA, care, b -> ((ObjectNode) b.get("patient")).put("nhsNumber", "485 777 3457")).body()).isEmpty();
        long otherOutage = api.createOutage(api.adminToken(), new String[]{siteA}, "EMAR").get("id").asLong();
        assertThat(check(clerkA, care, b -> b.put("outageId", otherOutage)).body()).isEmpty();
    }

    @Test
    void aLocalIdMatchesWhenThereIsNoNhsNumber() {
        long local = log(clerkA, siteA, care, b -> ((ObjectNode) b.get("patient")).putNull("nhsNumber").put("localId", "MRN-0042"));
        Api.Response r = check(clerkA, care, b -> ((ObjectNode) b.get("patient")).putNull("nhsNumber").put("localId", "MRN-0042"));
        assertThat(ids(r.body())).containsExactly(local);
        assertThat(r.body().get(0).get("patientMasked").asText()).isEqualTo("Local ***042");
        assertThat(r.raw().body()).doesNotContain("MRN-0042");
    }

    @Test
    void theCheckIsAuditedAsAPatientSearch() {
        long atA = log(clerkA, siteA, care, b -> { });
        check(clerkA, care, b -> { });
        check(clerkA, care.plus(1, ChronoUnit.DAYS), b -> { });

        JsonNode audit = api.get("/api/audit?user=" + clerkA.username() + "&limit=500", api.adminToken()).body();
        List<JsonNode> searches = new ArrayList<>();
        audit.forEach(e -> {
            if (e.get("action").asText().equals("PATIENT_SEARCHED")) {
                searches.add(e);
            }
        });
        assertThat(searches).hasSize(2);
        assertThat(searches.stream().map(e -> e.get("changes").get("items").get("new").toString()))
                .containsExactlyInAnyOrder("[\"" + atA + "\"]", "[]");
    }

    @Test
    void onlyStaffWhoLogItemsMayCheckAndOnlyInTheirOutages() {
        Api.User auditor = api.createUser("AUDITOR", siteA);
        Api.Response forbidden = check(auditor, care, b -> { });
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(check((String) null, care, b -> { }).status()).isEqualTo(401);
        assertThat(check(api.createUser("TEAM_LEAD", siteA).token(), care, b -> { }).status()).isEqualTo(200);

        Api.User stranger = api.createUser("CLERK", Api.site());
        assertThat(check(stranger, care, b -> { }).status()).isEqualTo(404);
        assertThat(check(clerkA, care, b -> b.put("outageId", 999_999_999L)).status()).isEqualTo(404);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertField(check(clerkA, care, b -> ((ObjectNode) b.get("patient")).put("nhsNumber", "943 476 5918")),
                422, "patient.nhsNumber");
        assertField(check(clerkA, care, b -> ((ObjectNode) b.get("patient")).put("nhsNumber", "12345")),
                422, "patient.nhsNumber");
        assertField(check(clerkA, care, b -> ((ObjectNode) b.get("patient")).putNull("nhsNumber")), 422, "patient");
        assertField(check(clerkA, care, b -> ((ObjectNode) b.get("patient")).put("localId", "has spaces")),
                400, "patient.localId");
        assertField(check(clerkA, care, b -> ((ObjectNode) b.get("patient")).put("name", "Jane Example")),
                400, "patient.name");
        assertField(check(clerkA, care, b -> b.remove("patient")), 400, "patient");
        assertField(check(clerkA, care, b -> b.remove("outageId")), 400, "outageId");
        assertField(check(clerkA, care, b -> b.put("category", "NOPE")), 400, "category");
        assertField(check(clerkA, care, b -> b.put("targetSystem", "emar")), 400, "targetSystem");
        assertField(check(clerkA, care, b -> b.put("occurredAt", "yesterday")), 400, "occurredAt");
        assertField(check(clerkA, care, b -> b.put("outageId", "one")), 400, "outageId");
        Api.Response notJson = api.send("POST", "/api/duplicates/check", clerkA.token(), "{\"outageId\": ");
        assertField(notJson, 400, "body");
    }

    private long log(Api.User clerk, String site, Instant occurredAt, Consumer<ObjectNode> change) {
        ObjectNode body = Api.item(outageId, site);
        body.put("occurredAt", occurredAt.toString());
        change.accept(body);
        return api.logItem(clerk.token(), body).get("id").asLong();
    }

    private Api.Response check(Api.User user, Instant occurredAt, Consumer<ObjectNode> change) {
        return check(user.token(), occurredAt, change);
    }

    private Api.Response check(String token, Instant occurredAt, Consumer<ObjectNode> change) {
        ObjectNode body = Api.JSON.createObjectNode();
        body.put("outageId", outageId);
        body.put("category", "MEDICATION_ADMINISTRATION");
        body.put("targetSystem", "EMAR");
        body.put("occurredAt", occurredAt.toString());
        body.putObject("patient").put("nhsNumber", "943 476 5919");
        change.accept(body);
        return api.post("/api/duplicates/check", token, body);
    }

    private static List<Long> ids(JsonNode items) {
        List<Long> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    private static void assertField(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("violations").findValuesAsText("field")).as(r.toString()).contains(field);
    }
}
