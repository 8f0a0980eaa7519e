package org.downtimebacklog.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Due times from configured targets (P1 due at once, so that it is breached as soon as it is in the queue), released in
 * chunks of two; breached items flagged, filtered, counted and exported as a metric.
 */
@MicronautTest(transactional = false)
@Property(name = "backlog.priority.due-within", value = "0s,90m,5h,2d")
@Property(name = "backlog.queue.release-chunk", value = "2")
class DueTargetsTest extends ApiTest {

    @Test
    void configuredTargetsSetTheDueTimeOfEveryChunkFromTheRecovery() throws InterruptedException {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(outage.log(b -> { }).get("id").asLong());
        }
        long p3 = outage.log(b -> b.put("category", "ORDER").put("patientStatus", "OUTPATIENT")).get("id").asLong();
        long p4 = outage.log(b -> b.put("category", "OTHER").put("patientStatus", "DISCHARGED")).get("id").asLong();
        Thread.sleep(1100);
        Instant recoveredAt = Instant.now().minusMillis(200).truncatedTo(ChronoUnit.MILLIS);
        Api.Response r = api.post("/api/outages/" + outage.id() + "/systems/EMAR/recovered", outage.lead().token(),
                Map.of("recoveredAt", recoveredAt.toString()));
        assertThat(r.status()).isEqualTo(200);

        // the first chunk with the recovery, the rest in chunks after it: all due from the recovery
        Instant deadline = Instant.now().plusSeconds(20);
        while (!item(outage, p4).get("status").asText().equals("READY") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        for (long id : ids) {
            JsonNode item = item(outage, id);
            assertThat(item.get("priority").get("band").asText()).isEqualTo("P2");
            assertThat(Instant.parse(item.get("dueAt").asText())).isEqualTo(recoveredAt.plus(Duration.ofMinutes(90)));
        }
        assertThat(Instant.parse(item(outage, p3).get("dueAt").asText())).isEqualTo(recoveredAt.plus(Duration.ofHours(5)));
        assertThat(Instant.parse(item(outage, p4).get("dueAt").asText())).isEqualTo(recoveredAt.plus(Duration.ofDays(2)));
    }

    @Test
    void breachedItemsAreFlaggedFilteredCountedAndExported() throws InterruptedException {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        outage.recover("EMAR");
        long p1 = outage.log(b -> b.put("highRisk", true)).get("id").asLong();
        long p1Entered = outage.log(b -> b.put("highRisk", true)).get("id").asLong();
        long p2 = outage.log(b -> { }).get("id").asLong();
        Thread.sleep(20);
        // entered: done, so not breached even though it was due at once (the performance counts it late)
        Api.Response claimed = api.post("/api/items/assign", outage.lead().token(),
                Map.of("ids", List.of(p1Entered), "assignee", outage.clerk().username()));
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        String etag = api.get("/api/items/" + p1Entered, outage.clerk().token()).header("ETag");
        Api.Response entered = api.post("/api/items/" + p1Entered + "/transitions", outage.clerk().token(),
                Map.of("to", "ENTERED", "externalReference", "MAR-1"), "If-Match", etag);
        assertThat(entered.status()).as(entered.toString()).isEqualTo(200);

        assertThat(item(outage, p1).get("breached").asBoolean()).isTrue();
        assertThat(item(outage, p1Entered).get("breached").asBoolean()).isFalse();
        assertThat(item(outage, p2).get("breached").asBoolean()).isFalse();

        String list = "/api/items?outageId=" + outage.id() + "&sort=priority";
        JsonNode breached = api.get(list + "&breached=true", outage.lead().token()).body().get("items");
        assertThat(breached).hasSize(1);
        assertThat(breached.get(0).get("id").asLong()).isEqualTo(p1);
        assertThat(breached.get(0).get("breached").asBoolean()).isTrue();
        List<Long> others = new ArrayList<>();
        api.get(list + "&breached=false", outage.lead().token()).body().get("items")
                .forEach(i -> others.add(i.get("id").asLong()));
        assertThat(others).containsExactlyInAnyOrder(p1Entered, p2);
        Api.Response wrong = api.get(list + "&breached=yes", outage.lead().token());
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.raw().body()).contains("breached");

        JsonNode summary = api.get("/api/outages/" + outage.id() + "/summary", outage.lead().token()).body();
        assertThat(summary.get("breached").asLong()).isEqualTo(1);
        assertThat(summary.get("breachedByBand").get("P1").asLong()).isEqualTo(1);
        assertThat(summary.get("breachedByBand").get("P2").asLong()).isEqualTo(0);

        JsonNode performance = api.get("/api/outages/" + outage.id() + "/due-performance", outage.lead().token()).body();
        JsonNode bandP1 = performance.get("bands").get(0);
        assertThat(bandP1.get("band").asText()).isEqualTo("P1");
        assertThat(bandP1.get("due").asLong()).isEqualTo(2);
        assertThat(bandP1.get("breached").asLong()).isEqualTo(2);
        assertThat(bandP1.get("breachedOpen").asLong()).isEqualTo(1);
        assertThat(bandP1.get("met").asLong()).isEqualTo(0);
        JsonNode bandP2 = performance.get("bands").get(1);
        assertThat(bandP2.get("due").asLong()).isEqualTo(1);
        assertThat(bandP2.get("breached").asLong()).isEqualTo(0);
        Api.User stranger = api.createUser("TEAM_LEAD", Api.site());
        assertThat(api.get("/api/outages/" + outage.id() + "/due-performance", stranger.token()).status())
                .isEqualTo(404);

        // a drill's breached item, at a site of its own, is not real work and stays out of the metric
        String drillSite = Api.site();
        Api.User drillLead = api.createUser("TEAM_LEAD", drillSite);
        long drillId = api.post("/api/outages", drillLead.token(), Map.of("title", "Continuity drill",
                "sites", List.of(drillSite), "systems", List.of("EMAR"),
                "startedAt", Instant.now().minus(Duration.ofHours(3)).toString(), "drill", true)).body()
                .get("id").asLong();
        assertThat(api.post("/api/outages/" + drillId + "/systems/EMAR/recovered", drillLead.token(),
                Map.of("recoveredAt", Instant.now().minusSeconds(5).toString())).status()).isEqualTo(200);
        ObjectNode drillItem = Api.item(drillId, drillSite);
        drillItem.put("highRisk", true);
        drillItem.with("patient").put("nhsNumber", "999 000 0018");
        JsonNode drillBreach = api.logItem(api.createUser("CLERK", drillSite).token(), drillItem);
        Thread.sleep(20);
        assertThat(api.get("/api/items/" + drillBreach.get("id").asLong(), drillLead.token()).body()
                .get("breached").asBoolean()).isTrue();

        // a second real breach after the drill's: a reading that counts it was taken after the drill's item existed
        outage.log(b -> b.put("highRisk", true));
        String metric = "backlog_items_breached{site=\"" + outage.site() + "\"} 2.0";
        String text = api.get("/prometheus", null).raw().body();
        Instant deadline = Instant.now().plusSeconds(20);
        while (!text.contains(metric) && Instant.now().isBefore(deadline)) {
            Thread.sleep(300);
            text = api.get("/prometheus", null).raw().body();
        }
        assertThat(text).contains(metric);
        assertThat(text).doesNotContain("backlog_items_breached{site=\"" + drillSite + "\"}");
    }

    private JsonNode item(StaffedOutage outage, long id) {
        return api.get("/api/items/" + id, outage.lead().token()).body();
    }
}
