package org.downtimebacklog.outage;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Input that used to reach a 500: each now gets a 4xx problem naming the field, and nothing is stored. */
@MicronautTest(transactional = false)
class OutageInputTest extends ApiTest {

    @Test
    void fiftySitesOfThirtyTwoCharactersDoNotFitAndAreRefusedByName() {
        List<String> sites = IntStream.range(0, 50).mapToObj(i -> "S" + "X".repeat(29) + String.format("%02d", i)).toList();
        Api.User lead = api.createUser("TEAM_LEAD", "*");
        String title = Api.unique("wide outage");
        Api.Response r = api.post("/api/outages", lead.token(), Map.of("title", title, "sites", sites,
                "systems", List.of("EMAR"), "startedAt", "2026-11-23T01:00:00Z"));
        assertField(r, "sites");
        assertThat(api.get("/api/outages", lead.token()).raw().body()).doesNotContain(title);
    }

    @Test
    void aStartTimeAtTheEdgeOfWhatJavaCanHoldIsRefusedByName() {
        Api.User lead = api.createUser("TEAM_LEAD", "RGH");
        for (String startedAt : new String[]{"-999999999-01-01T00:00:00Z", "-0001-06-01T00:00:00Z", "1066-10-14T09:00:00Z"}) {
            Api.Response r = api.post("/api/outages", lead.token(), Map.of("title", "Old", "sites", List.of("RGH"),
                    "systems", List.of("EMAR"), "startedAt", startedAt));
            assertField(r, "startedAt");
        }
    }

    static void assertField(Api.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isBetween(400, 499);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("violations").findValuesAsText("field")).as(r.toString()).contains(field);
    }
}
