package org.downtimebacklog.item;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The role of whoever gave the care: optional, one of a fixed list, kept, corrected and audited like every field. */
@MicronautTest(transactional = false)
class RecordedByRoleTest extends ApiTest {

    String site;
    Api.User clerk;
    long outageId;

    @BeforeEach
    void setUp() {
        site = Api.site();
        clerk = api.createUser("CLERK", site);
        outageId = api.createOutage(api.createUser("TEAM_LEAD", site).token(), new String[]{site}, "EMAR").get("id").asLong();
    }

    @Test
    void theRoleIsKeptCorrectedAndInTheHistory() {
        Api.Response logged = api.createItem(clerk.token(), Api.item(outageId, site).put("recordedByRole", "NURSE"));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        long id = logged.body().get("id").asLong();
        assertThat(api.get("/api/items/" + id, clerk.token()).body().get("recordedByRole").asText()).isEqualTo("NURSE");

        Api.Response corrected = api.patch("/api/items/" + id, clerk.token(),
                Map.of("recordedByRole", "PHARMACIST", "reason", "signature is the pharmacist's"), "If-Match", "\"1\"");
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(200);
        assertThat(corrected.body().get("recordedByRole").asText()).isEqualTo("PHARMACIST");

        JsonNode created = event(id, "ITEM_CREATED").get("changes").get("recordedByRole");
        assertThat(created.get("new").asText()).isEqualTo("NURSE");
        JsonNode updated = event(id, "ITEM_UPDATED").get("changes").get("recordedByRole");
        assertThat(updated.get("old").asText()).isEqualTo("NURSE");
        assertThat(updated.get("new").asText()).isEqualTo("PHARMACIST");
    }

    @Test
    void itIsOptional() {
        Api.Response created = api.createItem(clerk.token(), Api.item(outageId, site));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().get("recordedByRole").isNull()).isTrue();
    }

    @Test
    void aRoleNotOnTheListIsRefusedByNameAndNothingIsStored() {
        long before = count();
        Api.Response refused = api.createItem(clerk.token(), Api.item(outageId, site).put("recordedByRole", "SURGEON"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.raw().body()).contains("recordedByRole");
        assertThat(count()).isEqualTo(before);
    }

    private JsonNode event(long id, String action) {
        for (JsonNode event : api.get("/api/items/" + id + "/history", clerk.token()).body()) {
            if (event.get("action").asText().equals(action)) {
                return event;
            }
        }
        throw new AssertionError("no " + action + " in the history of item " + id);
    }

    private long count() {
        JsonNode page = api.get("/api/items?outageId=" + outageId + "&size=200", clerk.token()).body();
        return page.get("items").size();
    }
}
