package org.downtimebacklog.item;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ItemCorrectionTest extends ApiTest {

    String site;
    Api.User clerk;
    long outageId;
    long itemId;

    @BeforeEach
    void setUp() {
        site = Api.site();
        clerk = api.createUser("CLERK", site);
        outageId = api.createOutage(api.createUser("TEAM_LEAD", site).token(), new String[]{site}, "EMAR", "EHR").get("id").asLong();
        itemId = api.createItem(clerk.token(), Api.item(outageId, site)).body().get("id").asLong();
    }

    @Test
    void aCorrectionNeedsTheCurrentETag() {
        String path = "/api/items/" + itemId;
        Api.Response missing = api.patch(path, clerk.token(), Map.of("ward", "Ward 8"));
        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.contentType()).startsWith("application/problem+json");

        Api.Response ok = api.patch(path, clerk.token(), Map.of("ward", "Ward 8", "reason", "ward misread"), "If-Match", "\"1\"");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("ETag")).isEqualTo("\"2\"");
        assertThat(ok.body().get("ward").asText()).isEqualTo("Ward 8");
        assertThat(ok.body().get("summary").asText()).isEqualTo("Paracetamol 1 g oral");

        Api.Response stale = api.patch(path, clerk.token(), Map.of("ward", "Ward 9"), "If-Match", "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body().get("currentEtag").asText()).isEqualTo("\"2\"");
        assertThat(api.get(path, clerk.token()).body().get("ward").asText()).isEqualTo("Ward 8");
        assertThat(api.get(path, clerk.token()).header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void correctionsAreValidatedLikeCapture() {
        String path = "/api/items/" + itemId;
        Api.Response badNhs = api.patch(path, clerk.token(), Map.of("patient", Map.of("nhsNumber", "485 777 3456")), "If-Match", "\"1\"");
        assertThat(badNhs.status()).isEqualTo(422);
        assertThat(badNhs.body().get("violations").get(0).get("field").asText()).isEqualTo("patient.nhsNumber");
        Api.Response badSystem = api.patch(path, clerk.token(), Map.of("targetSystem", "PAS"), "If-Match", "\"1\"");
        assertThat(badSystem.status()).isEqualTo(422);
        Api.Response badType = api.patch(path, clerk.token(), Map.of("highRisk", "maybe"), "If-Match", "\"1\"");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(api.get(path, clerk.token()).body().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void concurrentCorrectionsWithOneETagLetOnlyOneThrough() throws Exception {
        String path = "/api/items/" + itemId;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String ward = "Ward " + (20 + i);
            results.add(pool.submit(() -> api.patch(path, clerk.token(), Map.of("ward", ward), "If-Match", "\"1\"").status()));
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var f : results) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(200, 412);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        assertThat(api.get(path, clerk.token()).body().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void historyRecordsCreationCorrectionsAndViewsInOrder() {
        String path = "/api/items/" + itemId;
        api.get(path, clerk.token());
        api.patch(path, clerk.token(), Map.of("patient", Map.of("nhsNumber", "4857773457", "name", "Jane Example")),
                "If-Match", "\"1\"");

        Api.Response history = api.get(path + "/history", clerk.token());
        assertThat(history.status()).isEqualTo(200);
        List<String> actions = history.body().findValuesAsText("action");
        assertThat(actions).containsExactly("ITEM_CREATED", "ITEM_VIEWED", "ITEM_UPDATED");
        JsonNode created = history.body().get(0);
        assertThat(created.get("actor").asText()).isEqualTo(clerk.username());
        assertThat(created.get("changes").get("summary").get("new").asText()).isEqualTo("Paracetamol 1 g oral");
        JsonNode updated = history.body().get(2);
        assertThat(updated.get("changes").get("patient.nhsNumber").get("old").asText()).isEqualTo("9434765919");
        assertThat(updated.get("changes").get("patient.nhsNumber").get("new").asText()).isEqualTo("4857773457");
        assertThat(updated.get("changes").has("patient.name")).isFalse();

        // reading the history is itself recorded
        List<String> again = api.get(path + "/history", clerk.token()).body().findValuesAsText("action");
        assertThat(again).endsWith("HISTORY_VIEWED");
    }

    @Test
    void auditorsSearchTheTrailAndOthersCannot() {
        Api.User auditor = api.createUser("AUDITOR", site);
        Api.Response byItem = api.get("/api/audit?itemId=" + itemId, auditor.token());
        assertThat(byItem.status()).isEqualTo(200);
        assertThat(byItem.body().findValuesAsText("action")).contains("ITEM_CREATED");
        Api.Response byUser = api.get("/api/audit?user=" + clerk.username(), auditor.token());
        assertThat(byUser.body().findValuesAsText("actor")).containsOnly(clerk.username());
        String from = byItem.body().get(0).get("at").asText();
        assertThat(api.get("/api/audit?itemId=" + itemId + "&from=" + from, auditor.token()).body()).isNotEmpty();
        assertThat(api.get("/api/audit?itemId=" + itemId + "&to=" + from, auditor.token()).body()).isEmpty();

        assertThat(api.get("/api/audit", clerk.token()).status()).isEqualTo(403);
        // an auditor reads but never writes
        assertThat(api.patch("/api/items/" + itemId, auditor.token(), Map.of("ward", "x"), "If-Match", "\"1\"").status())
                .isEqualTo(403);
    }
}
