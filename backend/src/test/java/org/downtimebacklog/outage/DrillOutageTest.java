package org.downtimebacklog.outage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drill outage rehearses the continuity plan with test patients only: it takes only the NHS's test numbers (and
 * temporary ids), is labelled as a drill, and stays out of the statistics of real work.
 */
@MicronautTest(transactional = false)
class DrillOutageTest extends ApiTest {

    private static final String TEST_NUMBER = "999 000 0018";
    private static final String REAL_NUMBER = "943 476 5919";

    @Test
    void aDrillIsLabelledAndTakesOnlyTestPatients() {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        Api.User clerk = api.createUser("CLERK", site);
        JsonNode drill = declare(lead, site, true);
        JsonNode real = api.createOutage(lead.token(), new String[]{site}, "EMAR");
        assertThat(drill.get("drill").asBoolean()).isTrue();
        assertThat(real.get("drill").asBoolean()).isFalse();
        assertThat(api.get("/api/outages/" + drill.get("id").asLong(), clerk.token()).body().get("drill").asBoolean()).isTrue();
        assertThat(api.lastAuditEvent(lead.username(), "OUTAGE_CREATED").toString()).contains("drill");
        long drillId = drill.get("id").asLong();
        long realId = real.get("id").asLong();

        // a real outage refuses test numbers; a drill refuses real numbers and hospital numbers
        assertViolation(api.createItem(clerk.token(), withNhs(realId, site, TEST_NUMBER)), "patient.nhsNumber");
        assertViolation(api.createItem(clerk.token(), withNhs(drillId, site, REAL_NUMBER)), "patient.nhsNumber");
        ObjectNode hospitalNumber = Api.item(drillId, site);
        hospitalNumber.with("patient").remove("nhsNumber");
        hospitalNumber.with("patient").put("localId", "RGH123456");
        assertViolation(api.createItem(clerk.token(), hospitalNumber), "patient.localId");
        Api.Response batch = api.post("/api/items/batch", clerk.token(), Map.of("items", List.of(
                Map.of("idempotencyKey", java.util.UUID.randomUUID().toString(), "item", withNhs(realId, site, TEST_NUMBER)))));
        assertThat(batch.body().get("results").get(0).get("status").asInt()).isEqualTo(422);

        JsonNode logged = api.logItem(clerk.token(), withNhs(drillId, site, TEST_NUMBER));
        assertThat(logged.get("drill").asBoolean()).isTrue();
        assertThat(logged.get("patient").get("nhsNumber").asText()).isEqualTo("9990000018");
        assertThat(api.logItem(clerk.token(), withNhs(realId, site, REAL_NUMBER)).get("drill").asBoolean()).isFalse();

        // a correction cannot bring a test number into a real outage
        JsonNode realItem = api.logItem(clerk.token(), withNhs(realId, site, REAL_NUMBER));
        Api.Response corrected = api.patch("/api/items/" + realItem.get("id").asLong(), clerk.token(),
                Map.of("patient", Map.of("nhsNumber", TEST_NUMBER)), "If-Match", "\"1\"");
        assertViolation(corrected, "patient.nhsNumber");

        // a temporary id is accepted in a drill, and merges only into a test number
        String tmp = api.post("/api/temporary-patients", clerk.token(), Map.of("site", site)).body()
                .get("temporaryId").asText();
        ObjectNode unidentified = Api.item(drillId, site);
        unidentified.with("patient").remove("nhsNumber");
        unidentified.with("patient").put("localId", tmp);
        assertThat(api.createItem(clerk.token(), unidentified).status()).isEqualTo(201);
        assertViolation(api.post("/api/temporary-patients/" + tmp + "/merge", lead.token(),
                Map.of("nhsNumber", REAL_NUMBER)), "nhsNumber");
        assertThat(api.post("/api/temporary-patients/" + tmp + "/merge", lead.token(),
                Map.of("nhsNumber", TEST_NUMBER)).status()).isEqualTo(200);
    }

    @Test
    void aTemporaryIdServesEitherADrillOrARealOutageNeverBoth() {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        Api.User clerk = api.createUser("CLERK", site);
        long drillId = declare(lead, site, true).get("id").asLong();
        long realId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
        String drillTmp = issueTemporaryId(clerk, site);
        String realTmp = issueTemporaryId(clerk, site);

        JsonNode drillItem = api.logItem(clerk.token(), underTemporaryId(drillId, site, drillTmp));
        JsonNode realItem = api.logItem(clerk.token(), underTemporaryId(realId, site, realTmp));

        // a single item, a batch and a correction: each refused, naming the temporary id
        Api.Response single = api.createItem(clerk.token(), underTemporaryId(realId, site, drillTmp));
        assertViolation(single, "patient.localId");
        assertThat(single.body().toString()).contains(drillTmp).contains("drill");
        assertViolation(api.createItem(clerk.token(), underTemporaryId(drillId, site, realTmp)), "patient.localId");
        Api.Response batch = api.post("/api/items/batch", clerk.token(), Map.of("items", List.of(
                Map.of("idempotencyKey", java.util.UUID.randomUUID().toString(),
                        "item", underTemporaryId(realId, site, drillTmp)))));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        JsonNode result = batch.body().get("results").get(0);
        assertThat(result.get("status").asInt()).as(result.toString()).isEqualTo(422);
        assertThat(result.toString()).contains("patient.localId");
        Api.Response corrected = api.patch("/api/items/" + realItem.get("id").asLong(), clerk.token(),
                Map.of("patient", Map.of("localId", drillTmp)), "If-Match", "\"1\"");
        assertViolation(corrected, "patient.localId");
        Api.Response drillCorrected = api.patch("/api/items/" + drillItem.get("id").asLong(), clerk.token(),
                Map.of("patient", Map.of("localId", realTmp)), "If-Match", "\"1\"");
        assertViolation(drillCorrected, "patient.localId");

        // so each still merges: the drill's into a test number, the real one's into a real number
        assertThat(api.post("/api/temporary-patients/" + drillTmp + "/merge", lead.token(),
                Map.of("nhsNumber", TEST_NUMBER)).status()).isEqualTo(200);
        assertThat(api.post("/api/temporary-patients/" + realTmp + "/merge", lead.token(),
                Map.of("nhsNumber", REAL_NUMBER)).status()).isEqualTo(200);
    }

    @Test
    void firstItemsOfADrillAndARealOutageAtOnceUnderOneTemporaryIdLeaveOnlyOne() throws Exception {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        Api.User clerk = api.createUser("CLERK", site);
        long drillId = declare(lead, site, true).get("id").asLong();
        long realId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        for (int round = 0; round < 3; round++) {
            String tmp = issueTemporaryId(clerk, site);
            List<java.util.concurrent.Future<Api.Response>> answers = pool.invokeAll(List.of(
                    () -> api.createItem(clerk.token(), underTemporaryId(drillId, site, tmp)),
                    () -> api.createItem(clerk.token(), underTemporaryId(realId, site, tmp))));
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Api.Response> answer : answers) {
                Api.Response r = answer.get();
                statuses.add(r.status());
                if (r.status() != 201) {
                    assertViolation(r, "patient.localId");
                }
            }
            assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(201, 422);
        }
        pool.shutdown();
    }

    private String issueTemporaryId(Api.User clerk, String site) {
        Api.Response r = api.post("/api/temporary-patients", clerk.token(), Map.of("site", site));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().get("temporaryId").asText();
    }

    private static ObjectNode underTemporaryId(long outageId, String site, String tmp) {
        ObjectNode body = Api.item(outageId, site);
        body.with("patient").remove("nhsNumber");
        body.with("patient").put("localId", tmp);
        return body;
    }

    @Test
    void aDrillStaysOutOfTheWorkloadTheMetricsAndExportsAcrossOutages() throws Exception {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        Api.User drillClerk = api.createUser("CLERK", site);
        Api.User realClerk = api.createUser("CLERK", site);
        long drillId = declare(lead, site, true).get("id").asLong();
        long realId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
        recover(lead, drillId);
        recover(lead, realId);

        double loggedBefore = counter(scrape(), "backlog_items_logged_total");
        double assignedBefore = counter(scrape(), "backlog_items_moved_total{to=\"ASSIGNED\"}");
        JsonNode drillItem = api.logItem(drillClerk.token(), withNhs(drillId, site, TEST_NUMBER));
        api.logItem(drillClerk.token(), withNhs(drillId, site, "999 000 0026"));
        // the real backlog's queue never hands out a drill's items; a drill's clerks ask for them
        assertThat(api.post("/api/queue/next", drillClerk.token(), Map.of("site", site)).status()).isEqualTo(204);
        Api.Response claimed = api.post("/api/queue/next", drillClerk.token(), Map.of("site", site, "drill", true));
        assertThat(claimed.body().get("drill").asBoolean()).isTrue();
        assertThat(counter(scrape(), "backlog_items_logged_total")).isEqualTo(loggedBefore);
        assertThat(counter(scrape(), "backlog_items_moved_total{to=\"ASSIGNED\"}")).isEqualTo(assignedBefore);

        JsonNode realItem = api.logItem(realClerk.token(), withNhs(realId, site, REAL_NUMBER));
        api.logItem(realClerk.token(), withNhs(realId, site, "485 777 3457"));
        assertThat(api.post("/api/queue/next", realClerk.token(), Map.of("site", site)).body().get("drill").asBoolean())
                .isFalse();
        assertThat(counter(scrape(), "backlog_items_logged_total")).isEqualTo(loggedBefore + 2);
        assertThat(counter(scrape(), "backlog_items_moved_total{to=\"ASSIGNED\"}")).isEqualTo(assignedBefore + 1);

        String realLine = "backlog_queue_ready{outage=\"" + realId + "\",system=\"EMAR\"} 1.0";
        String text = scrape();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        while (!text.contains(realLine) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            text = scrape();
        }
        assertThat(text).contains(realLine);
        assertThat(text).doesNotContain("outage=\"" + drillId + "\"");

        JsonNode workload = api.get("/api/workload", lead.token()).body();
        assertThat(workload.findValuesAsText("username")).contains(realClerk.username())
                .doesNotContain(drillClerk.username());

        String across = api.get("/api/exports/items.csv?site=" + site, lead.token()).raw().body();
        assertThat(across).contains(realItem.get("reference").asText())
                .doesNotContain(drillItem.get("reference").asText());
        String ofTheDrill = api.get("/api/exports/items.csv?outageId=" + drillId, lead.token()).raw().body();
        assertThat(ofTheDrill).contains(drillItem.get("reference").asText());
        assertThat(ofTheDrill.lines().findFirst().orElseThrow()).endsWith(",drill");
        assertThat(ofTheDrill.lines().skip(1).findFirst().orElseThrow()).endsWith(",true");

        // the drill's own summary still counts its items
        assertThat(api.get("/api/outages/" + drillId + "/summary", lead.token()).body().get("total").asLong())
                .isEqualTo(2);
    }

    private JsonNode declare(Api.User lead, String site, boolean drill) {
        Api.Response r = api.post("/api/outages", lead.token(), Map.of("title", "Annual continuity drill",
                "sites", List.of(site), "systems", List.of("EMAR"),
                "startedAt", Instant.now().minus(Duration.ofHours(3)).toString(), "drill", drill));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body();
    }

    private void recover(Api.User lead, long outageId) {
        assertThat(api.post("/api/outages/" + outageId + "/systems/EMAR/recovered", lead.token(),
                Map.of("recoveredAt", Instant.now().minusSeconds(5).toString())).status()).isEqualTo(200);
    }

    private static ObjectNode withNhs(long outageId, String site, String nhs) {
        ObjectNode body = Api.item(outageId, site);
        body.with("patient").put("nhsNumber", nhs);
        return body;
    }

    private static void assertViolation(Api.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("violations").findValuesAsText("field")).as(r.toString()).contains(field);
    }

    private String scrape() {
        Api.Response r = api.get("/prometheus", null);
        assertThat(r.status()).isEqualTo(200);
        return r.raw().body();
    }

    private static double counter(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.Ee+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
