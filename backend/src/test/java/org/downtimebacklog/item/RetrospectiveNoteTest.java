package org.downtimebacklog.item;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each item offers the line that labels its late entry in the clinical system, and the facts in it. */
@MicronautTest(transactional = false)
class RetrospectiveNoteTest extends ApiTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm zzz", Locale.UK);

    @Test
    void beforeEntryTheNoteNamesThePaperTheCareAndThePersonViewingItNow() {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        String reference = api.get("/api/outages/" + outage.id(), outage.lead().token()).body().get("reference").asText();
        Instant occurredAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        JsonNode logged = outage.log(b -> b.put("occurredAt", occurredAt.toString())
                .put("paperReference", "MAR bed 4").put("recordedBy", "Staff Nurse Able"));
        assertThat(logged.get("retrospectiveNote").isNull()).isTrue();

        Instant before = Instant.now();
        JsonNode note = api.get("/api/items/" + logged.get("id").asLong(), outage.lead().token()).body()
                .get("retrospectiveNote");
        assertThat(note.get("record").asText()).isEqualTo("MAR bed 4");
        assertThat(note.get("outageRef").asText()).isEqualTo(reference);
        assertThat(note.get("caredBy").asText()).isEqualTo("Staff Nurse Able");
        assertThat(note.get("enteredBy").asText()).isEqualTo(outage.lead().username());
        OffsetDateTime careAt = OffsetDateTime.parse(note.get("careAt").asText());
        assertThat(careAt.toInstant()).isEqualTo(occurredAt);
        assertThat(careAt.getOffset()).isEqualTo(LONDON.getRules().getOffset(occurredAt));
        OffsetDateTime enteredAt = OffsetDateTime.parse(note.get("enteredAt").asText());
        assertThat(enteredAt.toInstant()).isCloseTo(before, within(5, ChronoUnit.SECONDS));
        assertThat(note.get("text").asText()).isEqualTo("Retrospective entry from downtime record MAR bed 4, outage "
                + reference + ": care at " + TIME.format(occurredAt.atZone(LONDON)) + " by Staff Nurse Able; entered "
                + TIME.format(enteredAt.atZoneSameInstant(LONDON)) + " by " + outage.lead().username());
    }

    @Test
    void onceEnteredTheNoteNamesTheBackEntryAndTheSheet() {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        outage.recover("EMAR");
        Api.Response pack = api.post("/api/form-packs", outage.lead().token(), Map.of("site", outage.site(),
                "ward", "Ward 7", "kind", "MEDICATION_ADMINISTRATION_RECORD", "count", 1, "outageId", outage.id()));
        String sheet = pack.body().get("sheets").get(0).get("sheetId").asText();
        long id = outage.log(b -> b.put("sheetId", sheet)).get("id").asLong();
        Api.Response next = api.post("/api/queue/next", outage.clerk().token(), Map.of());
        assertThat(next.body().get("id").asLong()).isEqualTo(id);
        String etag = api.get("/api/items/" + id, outage.clerk().token()).header("ETag");
        Api.Response entered = api.post("/api/items/" + id + "/transitions", outage.clerk().token(),
                Map.of("to", "ENTERED", "externalReference", "EMAR-77"), "If-Match", etag);
        assertThat(entered.status()).as(entered.toString()).isEqualTo(200);
        Instant enteredAt = Instant.parse(entered.body().get("enteredAt").asText());

        JsonNode note = api.get("/api/items/" + id, outage.lead().token()).body().get("retrospectiveNote");
        assertThat(note.get("record").asText()).isEqualTo(sheet);
        assertThat(note.get("enteredBy").asText()).isEqualTo(outage.clerk().username());
        // as stored, to the microsecond
        OffsetDateTime noted = OffsetDateTime.parse(note.get("enteredAt").asText());
        assertThat(noted.toInstant()).isCloseTo(enteredAt, within(1, ChronoUnit.MILLIS));
        assertThat(note.get("text").asText())
                .startsWith("Retrospective entry from downtime record " + sheet + ", outage ")
                .endsWith("; entered " + TIME.format(noted.atZoneSameInstant(LONDON)) + " by "
                        + outage.clerk().username());
    }
}
