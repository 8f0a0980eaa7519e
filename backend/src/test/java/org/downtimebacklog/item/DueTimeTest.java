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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Due times with the targets application.yml ships with (P1 2 h, P2 8 h, P3 24 h, P4 72 h), and the growing score. */
@MicronautTest(transactional = false)
class DueTimeTest extends ApiTest {

    StaffedOutage outage;

    @BeforeEach
    void setUp() {
        // began a day ago: items up to 48 h old may be logged into it
        outage = StaffedOutage.open(api, Duration.ofHours(24), "EHR", "EMAR");
    }

    @Test
    void anItemIsDueItsBandsTargetFromItsSystemsRecovery() throws InterruptedException {
        long p1 = log(b -> b.put("highRisk", true)).get("id").asLong();
        long p2 = log(b -> { }).get("id").asLong();
        long p3 = log(b -> b.put("category", "ORDER").put("patientStatus", "OUTPATIENT")).get("id").asLong();
        long p4 = log(b -> b.put("category", "CLINICAL_NOTE").put("patientStatus", "DISCHARGED")).get("id").asLong();
        JsonNode waiting = item(p1);
        assertThat(waiting.get("dueAt").isNull()).isTrue();
        assertThat(waiting.get("breached").asBoolean()).isFalse();

        Thread.sleep(1100);
        Instant recoveredAt = Instant.now().minusMillis(200).truncatedTo(ChronoUnit.MILLIS);
        recover("EMAR", recoveredAt);
        assertThat(band(p1)).isEqualTo("P1");
        assertThat(due(p1)).isEqualTo(recoveredAt.plus(Duration.ofHours(2)));
        assertThat(band(p2)).isEqualTo("P2");
        assertThat(due(p2)).isEqualTo(recoveredAt.plus(Duration.ofHours(8)));
        assertThat(band(p3)).isEqualTo("P3");
        assertThat(due(p3)).isEqualTo(recoveredAt.plus(Duration.ofHours(24)));
        assertThat(band(p4)).isEqualTo("P4");
        assertThat(due(p4)).isEqualTo(recoveredAt.plus(Duration.ofHours(72)));
        assertThat(item(p1).get("breached").asBoolean()).isFalse();

        // logged after its system came back: due from its logging
        JsonNode late = log(b -> b.put("highRisk", true));
        Instant loggedAt = Instant.parse(late.get("loggedAt").asText());
        assertThat(Instant.parse(late.get("dueAt").asText())).isEqualTo(loggedAt.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MICROS));
        // the list shows the same
        JsonNode row = api.get("/api/items?outageId=" + outage.id() + "&status=READY&sort=priority", outage.lead().token())
                .body().get("items").get(0);
        assertThat(row.get("dueAt").isNull()).isFalse();
        assertThat(row.get("breached").asBoolean()).isFalse();
    }

    @Test
    void aBandChangedByATeamLeadMovesTheDueTimeToTheNewBandsTarget() {
        recover("EMAR", Instant.now().minusSeconds(5));
        JsonNode p4 = log(b -> b.put("category", "CLINICAL_NOTE").put("patientStatus", "DISCHARGED"));
        long id = p4.get("id").asLong();
        Instant queued = Instant.parse(item(id).get("dueAt").asText()).minus(Duration.ofHours(72));

        Api.Response r = api.post("/api/items/" + id + "/priority", outage.lead().token(),
                Map.of("band", "P1", "reason", "anticoagulant on the paper"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(Instant.parse(r.body().get("dueAt").asText())).isEqualTo(queued.plus(Duration.ofHours(2)));
        JsonNode event = api.lastAuditEvent(outage.lead().username(), "PRIORITY_OVERRIDDEN");
        assertThat(event.get("changes").has("dueAt")).isTrue();

        // an item still waiting for its system has no due time to move
        long waiting = log(b -> b.put("targetSystem", "EHR")).get("id").asLong();
        r = api.post("/api/items/" + waiting + "/priority", outage.lead().token(), Map.of("band", "P1", "reason", "urgent"));
        assertThat(r.body().get("dueAt").isNull()).isTrue();
    }

    @Test
    void aCorrectionIntoARecoveredSystemMakesTheItemDueAndIntoOneStillDownTakesItsDueTimeAway() {
        recover("EMAR", Instant.now().minusSeconds(5));
        JsonNode waiting = log(b -> b.put("targetSystem", "EHR"));
        long id = waiting.get("id").asLong();
        Instant loggedAt = Instant.parse(item(id).get("loggedAt").asText());
        assertThat(waiting.get("dueAt").isNull()).isTrue();

        Api.Response moved = correct(id, "EMAR");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.body().get("status").asText()).isEqualTo("READY");
        // its system was back before it was logged: due from its logging
        assertThat(Instant.parse(moved.body().get("dueAt").asText())).isEqualTo(loggedAt.plus(Duration.ofHours(8)));

        Api.Response back = correct(id, "EHR");
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.body().get("status").asText()).isEqualTo("LOGGED");
        assertThat(back.body().get("dueAt").isNull()).isTrue();
    }

    private Api.Response correct(long id, String system) {
        String etag = api.get("/api/items/" + id, outage.clerk().token()).header("ETag");
        return api.patch("/api/items/" + id, outage.clerk().token(),
                Map.of("targetSystem", system, "reason", "system misread"), "If-Match", etag);
    }

    @Test
    void theAgePartKeepsGrowingSoAnOlderItemRisesAboveANewerOneOfASlightlyHigherBase() {
        recover("EMAR", Instant.now().minusSeconds(5));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // an order for an outpatient (base 30) cared for 31 h ago; a result for one (base 35) 25 h ago: both P2 when
        // logged (the band counts at most 24 h of age), and by the score when logged the result would come first
        JsonNode older = log(b -> b.put("category", "ORDER").put("patientStatus", "OUTPATIENT")
                .put("occurredAt", now.minus(31, ChronoUnit.HOURS).toString()));
        JsonNode newer = log(b -> b.put("category", "RESULT").put("patientStatus", "OUTPATIENT")
                .put("occurredAt", now.minus(25, ChronoUnit.HOURS).toString()));
        assertThat(older.get("priority").get("band").asText()).isEqualTo("P2");
        assertThat(newer.get("priority").get("band").asText()).isEqualTo("P2");
        assertThat(older.get("priority").get("score").asInt()).isEqualTo(30 + 31);
        assertThat(newer.get("priority").get("score").asInt()).isEqualTo(35 + 25);

        List<Long> listed = new ArrayList<>();
        for (JsonNode row : api.get("/api/items?outageId=" + outage.id() + "&sort=priority", outage.lead().token())
                .body().get("items")) {
            listed.add(row.get("id").asLong());
        }
        assertThat(listed).containsExactly(older.get("id").asLong(), newer.get("id").asLong());

        // a P1 item still comes first; then the older, then the newer
        long p1 = log(b -> b.put("highRisk", true)).get("id").asLong();
        assertThat(next()).isEqualTo(p1);
        assertThat(next()).isEqualTo(older.get("id").asLong());
        assertThat(next()).isEqualTo(newer.get("id").asLong());
    }

    private long next() {
        Api.Response r = api.post("/api/queue/next", outage.clerk().token(), Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().get("id").asLong();
    }

    private JsonNode log(Consumer<ObjectNode> change) {
        return outage.log(change);
    }

    private void recover(String system, Instant at) {
        Api.Response r = api.post("/api/outages/" + outage.id() + "/systems/" + system + "/recovered",
                outage.lead().token(), Map.of("recoveredAt", at.toString()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    private JsonNode item(long id) {
        return api.get("/api/items/" + id, outage.lead().token()).body();
    }

    private String band(long id) {
        return item(id).get("priority").get("band").asText();
    }

    private Instant due(long id) {
        return Instant.parse(item(id).get("dueAt").asText());
    }
}
