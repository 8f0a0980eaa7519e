package org.downtimebacklog.duplicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class DuplicateTest extends ApiTest {

    String site;
    Api.User lead;
    Api.User clerk;
    long outageId;
    Instant care = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    StaffedOutage outage;

    @BeforeEach
    void setUp() {
        outage = StaffedOutage.open(api, "EMAR", "EHR");
        site = outage.site();
        lead = outage.lead();
        clerk = outage.clerk();
        outageId = outage.id();
    }

    @Test
    void theSameCareLoggedTwiceIsFlaggedOnBothItems() {
        long first = log(care, "943 476 5919", "MEDICATION_ADMINISTRATION").get("id").asLong();
        JsonNode second = log(care.plus(10, ChronoUnit.MINUTES), "9434765919", "MEDICATION_ADMINISTRATION");
        assertThat(second.get("possibleDuplicates").get(0).asLong()).isEqualTo(first);
        assertThat(api.get("/api/items/" + first, lead.token()).body().get("possibleDuplicates").get(0).asLong())
                .isEqualTo(second.get("id").asLong());

        // not flagged: another patient, another category, or outside the 15-minute window
        assertThat(log(care, "485 777 3457", "MEDICATION_ADMINISTRATION").get("possibleDuplicates")).isEmpty();
        assertThat(log(care, "943 476 5919", "OBSERVATIONS").get("possibleDuplicates")).isEmpty();
        assertThat(log(care.plus(40, ChronoUnit.MINUTES), "943 476 5919", "MEDICATION_ADMINISTRATION")
                .get("possibleDuplicates")).isEmpty();

        JsonNode pairs = api.get("/api/duplicates?outageId=" + outageId, lead.token()).body();
        assertThat(pairs).hasSize(1);
        assertThat(pairs.get(0).get("first").get("id").asLong()).isEqualTo(first);
        assertThat(pairs.get(0).get("second").get("patientMasked").asText()).isEqualTo("NHS *** *** 5919");
        assertThat(api.get("/api/duplicates?outageId=" + outageId, clerk.token()).status()).isEqualTo(403);
    }

    @Test
    void aLeadConfirmsOrDismisses() {
        long first = log(care, "943 476 5919", "MEDICATION_ADMINISTRATION").get("id").asLong();
        long second = log(care.plus(1, ChronoUnit.MINUTES), "943 476 5919", "MEDICATION_ADMINISTRATION").get("id").asLong();
        long third = log(care.plus(2, ChronoUnit.MINUTES), "943 476 5919", "MEDICATION_ADMINISTRATION").get("id").asLong();
        assertThat(api.get("/api/duplicates?outageId=" + outageId, lead.token()).body()).hasSize(3);

        // confirm: the second repeats the first
        String etag = api.get("/api/items/" + second, lead.token()).header("ETag");
        assertThat(api.post("/api/items/" + second + "/transitions", lead.token(),
                Map.of("to", "DUPLICATE", "duplicateOf", first), "If-Match", etag).status()).isEqualTo(200);
        JsonNode left = api.get("/api/duplicates?outageId=" + outageId, lead.token()).body();
        assertThat(left).hasSize(1);

        // dismiss: the third was a second dose, really given
        long pair = left.get(0).get("id").asLong();
        assertThat(api.post("/api/duplicates/" + pair + "/dismiss", lead.token(), Map.of()).status()).isEqualTo(400);
        assertThat(api.post("/api/duplicates/" + pair + "/dismiss", lead.token(), Map.of("reason", "second dose charted"))
                .status()).isEqualTo(204);
        assertThat(api.post("/api/duplicates/" + pair + "/dismiss", lead.token(), Map.of("reason", "again")).status())
                .isEqualTo(409);
        assertThat(api.get("/api/duplicates?outageId=" + outageId, lead.token()).body()).isEmpty();
        assertThat(api.get("/api/items/" + third, lead.token()).body().get("possibleDuplicates")).isEmpty();
        assertThat(api.get("/api/items/" + third + "/history", lead.token()).body().findValuesAsText("action"))
                .contains("POSSIBLE_DUPLICATE_FLAGGED", "POSSIBLE_DUPLICATE_DISMISSED");
        Api.User stranger = api.createUser("TEAM_LEAD", Api.site());
        assertThat(api.post("/api/duplicates/" + pair + "/dismiss", stranger.token(), Map.of("reason", "x")).status())
                .isEqualTo(404);
    }

    @Test
    void aScanFindsPairsOnDemand() {
        log(care, "943 476 5919", "RESULT");
        JsonNode later = log(care.plus(40, ChronoUnit.MINUTES), "943 476 5919", "RESULT");
        assertThat(later.get("possibleDuplicates")).isEmpty();
        // a correction brings the second into the window; the scan finds the pair
        long id = later.get("id").asLong();
        api.patch("/api/items/" + id, lead.token(), Map.of("occurredAt", care.plus(5, ChronoUnit.MINUTES).toString()),
                "If-Match", "\"1\"");
        Api.Response scan = api.post("/api/duplicates/scan", lead.token(), Map.of("outageId", outageId));
        assertThat(scan.status()).isEqualTo(200);
        assertThat(scan.body().get("flagged").asInt()).isEqualTo(1);
        long pair = api.get("/api/duplicates?outageId=" + outageId, lead.token()).body().get(0).get("id").asLong();

        // a dismissed pair stays dismissed when scanned again
        api.post("/api/duplicates/" + pair + "/dismiss", lead.token(), Map.of("reason", "two samples"));
        assertThat(api.post("/api/duplicates/scan", lead.token(), Map.of("outageId", outageId)).body().get("flagged").asInt())
                .isZero();
        assertThat(api.get("/api/duplicates?outageId=" + outageId, lead.token()).body()).isEmpty();
        assertThat(api.post("/api/duplicates/scan", lead.token(), Map.of("outageId", 999_999_999L)).status()).isEqualTo(404);
    }

    private JsonNode log(Instant occurredAt, String nhsNumber, String category) {
        return outage.log(body -> {
            body.put("occurredAt", occurredAt.toString()).put("category", category);
            ((ObjectNode) body.get("patient")).put("nhsNumber", nhsNumber);
        });
    }
}
