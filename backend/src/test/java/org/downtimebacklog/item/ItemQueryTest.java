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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ItemQueryTest extends ApiTest {

    String siteA;
    String siteB;
    Api.User lead;
    long outageId;

    @BeforeEach
    void setUp() {
        siteA = Api.site();
        siteB = Api.site();
        lead = api.createUser("TEAM_LEAD", siteA, siteB);
        outageId = api.createOutage(lead.token(), new String[]{siteA, siteB}, "EMAR", "LIMS").get("id").asLong();
    }

    @Test
    void filtersCombineAndPagesAreBounded() {
        create(b -> b.put("ward", "Ward 1").put("category", "RESULT").put("targetSystem", "LIMS").put("highRisk", true));
        create(b -> b.put("ward", "Ward 1"));
        create(b -> b.put("ward", "Ward 2").put("summary", "Insulin 4 units"));
        create(b -> b.put("site", siteB).put("ward", "Ward 9"));

        assertThat(ids("outageId=" + outageId)).hasSize(4);
        assertThat(ids("outageId=" + outageId + "&ward=Ward%201")).hasSize(2);
        assertThat(ids("outageId=" + outageId + "&category=RESULT&targetSystem=LIMS&highRisk=true")).hasSize(1);
        assertThat(ids("outageId=" + outageId + "&site=" + siteB)).hasSize(1);
        assertThat(ids("outageId=" + outageId + "&q=insulin")).hasSize(1);
        assertThat(ids("outageId=" + outageId + "&status=LOGGED")).hasSize(4);

        JsonNode page0 = api.get("/api/items?outageId=" + outageId + "&size=3&sort=id", lead.token()).body();
        JsonNode page1 = api.get("/api/items?outageId=" + outageId + "&size=3&page=1&sort=id", lead.token()).body();
        assertThat(page0.get("items")).hasSize(3);
        assertThat(page0.get("hasMore").asBoolean()).isTrue();
        assertThat(page1.get("items")).hasSize(1);
        assertThat(page1.get("hasMore").asBoolean()).isFalse();
        assertThat(page1.get("items").get(0).get("id").asLong()).isGreaterThan(page0.get("items").get(2).get("id").asLong());

        assertThat(api.get("/api/items?size=1000", lead.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/items?sort=patient_name", lead.token()).status()).isEqualTo(400);
        assertThat(api.get("/api/items?status=DONE", lead.token()).body().get("violations").get(0).get("field").asText())
                .isEqualTo("status");
    }

    @Test
    void sortedByClinicalTime() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        create(b -> b.put("occurredAt", now.minus(3, ChronoUnit.HOURS).toString()));
        create(b -> b.put("occurredAt", now.minus(1, ChronoUnit.HOURS).toString()));
        create(b -> b.put("occurredAt", now.minus(2, ChronoUnit.HOURS).toString()));
        List<String> ascending = api.get("/api/items?outageId=" + outageId + "&sort=occurredAt", lead.token()).body()
                .get("items").findValuesAsText("occurredAt");
        assertThat(ascending).isSortedAccordingTo((a, b) -> Instant.parse(a).compareTo(Instant.parse(b)));
        List<String> descending = api.get("/api/items?outageId=" + outageId + "&sort=-occurredAt", lead.token()).body()
                .get("items").findValuesAsText("occurredAt");
        assertThat(descending).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
    }

    @Test
    void listsMaskPatientsAndPatientSearchesAreAudited() {
        long id = create(b -> { }).get("id").asLong();
        create(b -> ((ObjectNode) b.get("patient")).putNull("nhsNumber").put("localId", "HOSP-778899"));

        JsonNode list = api.get("/api/items?outageId=" + outageId + "&sort=id", lead.token()).body();
        assertThat(list.toString()).doesNotContain("9434765919").doesNotContain("Jane Example").doesNotContain("1950-03-02")
                .doesNotContain("HOSP-778899");
        assertThat(list.get("items").get(0).get("patientMasked").asText()).isEqualTo("NHS *** *** 5919");
        assertThat(list.get("items").get(1).get("patientMasked").asText()).isEqualTo("Local ***899");

        assertThat(patientIds("943-476-5919")).containsExactly(id);
        assertThat(patientIds("HOSP-778899")).hasSize(1);

        JsonNode audit = api.get("/api/audit?user=" + lead.username() + "&limit=500", api.adminToken()).body();
        assertThat(audit.findValuesAsText("action")).contains("PATIENT_SEARCHED");
    }

    @Test
    void itemsOfSitesTheCallerDoesNotHaveAreInvisible() {
        long idB = create(b -> b.put("site", siteB)).get("id").asLong();
        Api.User clerkA = api.createUser("CLERK", siteA);
        assertThat(api.get("/api/items/" + idB, clerkA.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/items/" + idB + "/history", clerkA.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/items/999999999", clerkA.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/items/" + idB, clerkA.token()).body())
                .isEqualTo(((ObjectNode) api.get("/api/items/999999999", clerkA.token()).body())
                        .put("detail", "Item " + idB + " was not found."));
        assertThat(api.get("/api/items?outageId=" + outageId, clerkA.token()).body().get("items")).isEmpty();
    }

    private JsonNode create(java.util.function.Consumer<ObjectNode> change) {
        ObjectNode body = Api.item(outageId, siteA);
        change.accept(body);
        Api.Response r = api.createItem(lead.token(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body();
    }

    /** A patient search keeps the identifier out of the URL: POST /api/items/search. */
    private List<Long> patientIds(String patient) {
        Api.Response r = api.post("/api/items/search", lead.token(), Map.of("patient", patient, "outageId", outageId, "size", 200));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().get("items").findValues("id").stream().map(JsonNode::asLong).toList();
    }

    private List<Long> ids(String query) {
        Api.Response r = api.get("/api/items?size=200&" + query, lead.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().get("items").findValues("id").stream().map(JsonNode::asLong).toList();
    }
}
