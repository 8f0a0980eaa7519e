package org.downtimebacklog.item;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who witnessed the care (a controlled drug's second signature): optional, kept, corrected, cleared and audited. */
@MicronautTest(transactional = false)
class WitnessedByTest extends ApiTest {

    @Test
    void theWitnessIsKeptCorrectedClearedAndInTheHistory() {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        JsonNode logged = outage.log(b -> b.put("witnessedBy", "  Staff Nurse Baker "));
        long id = logged.get("id").asLong();
        assertThat(logged.get("witnessedBy").asText()).isEqualTo("Staff Nurse Baker");
        assertThat(outage.log(b -> { }).get("witnessedBy").isNull()).isTrue();

        Api.Response corrected = api.patch("/api/items/" + id, outage.clerk().token(),
                Map.of("witnessedBy", "Staff Nurse Cole", "reason", "second signature misread"), "If-Match", "\"1\"");
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.body().get("witnessedBy").asText()).isEqualTo("Staff Nurse Cole");
        Api.Response cleared = api.patch("/api/items/" + id, outage.clerk().token(),
                Map.of("witnessedBy", "", "reason", "no second signature"), "If-Match", "\"2\"");
        assertThat(cleared.body().get("witnessedBy").isNull()).isTrue();

        Api.Response tooLong = api.patch("/api/items/" + id, outage.clerk().token(),
                Map.of("witnessedBy", "w".repeat(121)), "If-Match", "\"3\"");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("violations").findValuesAsText("field")).containsExactly("witnessedBy");

        JsonNode history = api.get("/api/items/" + id + "/history", outage.clerk().token()).body();
        assertThat(history.findValues("witnessedBy").stream().map(c -> c.get("new").isNull() ? null : c.get("new").asText()).toList())
                .containsExactly("Staff Nurse Baker", "Staff Nurse Cole", null);
    }
}
