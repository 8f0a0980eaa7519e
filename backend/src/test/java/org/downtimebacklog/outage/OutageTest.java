package org.downtimebacklog.outage;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class OutageTest extends ApiTest {



    @Test
    void teamLeadDeclaresAnOutageWithSystemsDown() {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        Instant started = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Api.Response r = api.post("/api/outages", lead.token(), Map.of("title", "Network failure", "sites", new String[]{site},
                "systems", new String[]{"EHR", "EMAR"}, "startedAt", started.toString(), "notes", "core switch"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode outage = r.body();
        assertThat(r.header("Location")).isEqualTo("/api/outages/" + outage.get("id").asLong());
        assertThat(outage.get("reference").asText()).matches("OUT-\\d{4,}");
        assertThat(outage.get("status").asText()).isEqualTo("OPEN");
        assertThat(outage.get("startedAt").asText()).isEqualTo(started.toString());
        assertThat(outage.get("systems").findValuesAsText("state")).containsOnly("DOWN");
        assertThat(outage.get("systems").findValuesAsText("system")).containsExactly("EHR", "EMAR");

        JsonNode fetched = api.get("/api/outages/" + outage.get("id").asLong(), lead.token()).body();
        assertThat(fetched.get("title").asText()).isEqualTo("Network failure");
    }

    @Test
    void clerksCannotDeclareOutagesAndLeadsOnlyForTheirSites() {
        String site = Api.site();
        Api.User clerk = api.createUser("CLERK", site);
        Map<String, Object> body = Map.of("title", "x", "sites", new String[]{site}, "systems", new String[]{"EHR"},
                "startedAt", Instant.now().minusSeconds(60).toString());
        assertThat(api.post("/api/outages", clerk.token(), body).status()).isEqualTo(403);

        Api.User lead = api.createUser("TEAM_LEAD", site);
        Api.Response foreign = api.post("/api/outages", lead.token(), Map.of("title", "x", "sites", new String[]{site, "ELSEWHERE"},
                "systems", new String[]{"EHR"}, "startedAt", Instant.now().minusSeconds(60).toString()));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.body().get("violations").get(0).get("field").asText()).isEqualTo("sites");
    }

    @Test
    void futureStartAndMissingFieldsAreRefused() {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        Api.Response future = api.post("/api/outages", lead.token(), Map.of("title", "x", "sites", new String[]{site},
                "systems", new String[]{"EHR"}, "startedAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.body().get("violations").get(0).get("field").asText()).isEqualTo("startedAt");
        Api.Response empty = api.post("/api/outages", lead.token(), "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("violations").findValuesAsText("field")).contains("title", "sites", "systems", "startedAt");
    }

    @Test
    void outagesOfOtherSitesAreInvisible() {
        String siteA = Api.site();
        Api.User leadA = api.createUser("TEAM_LEAD", siteA);
        Api.User clerkB = api.createUser("CLERK", Api.site());
        long id = api.createOutage(leadA.token(), new String[]{siteA}, "EHR").get("id").asLong();

        assertThat(api.get("/api/outages/" + id, clerkB.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/outages", clerkB.token()).body().findValuesAsText("id")).doesNotContain(Long.toString(id));
        assertThat(api.get("/api/outages", leadA.token()).body().findValues("id").stream().map(JsonNode::asLong))
                .contains(id);
    }

    @Test
    void recoveryIsRecordedOnceAndNotBeforeTheStart() {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        JsonNode outage = api.createOutage(lead.token(), new String[]{site}, "EHR", "LIMS");
        long id = outage.get("id").asLong();

        Api.Response early = api.post("/api/outages/" + id + "/systems/LIMS/recovered", lead.token(),
                Map.of("recoveredAt", Instant.parse(outage.get("startedAt").asText()).minusSeconds(60).toString()));
        assertThat(early.status()).isEqualTo(422);

        Instant at = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
        Api.Response ok = api.post("/api/outages/" + id + "/systems/LIMS/recovered", lead.token(), Map.of("recoveredAt", at.toString()));
        assertThat(ok.status()).isEqualTo(200);
        JsonNode lims = ok.body().get("systems").get(1);
        assertThat(lims.get("system").asText()).isEqualTo("LIMS");
        assertThat(lims.get("state").asText()).isEqualTo("RECOVERED");
        assertThat(lims.get("recoveredAt").asText()).isEqualTo(at.toString());
        assertThat(lims.get("recoveredBy").asText()).isEqualTo(lead.username());
        assertThat(ok.body().get("systems").get(0).get("state").asText()).isEqualTo("DOWN");

        assertThat(api.post("/api/outages/" + id + "/systems/LIMS/recovered", lead.token(), Map.of("recoveredAt", at.toString())).status())
                .isEqualTo(409);
        assertThat(api.post("/api/outages/" + id + "/systems/RIS/recovered", lead.token(), Map.of("recoveredAt", at.toString())).status())
                .isEqualTo(404);
    }

    @Test
    void aClosedOutageTakesNoMoreItems() {
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        long id = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();
        Api.Response closed = api.post("/api/outages/" + id + "/close", lead.token(), null);
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body().get("status").asText()).isEqualTo("CLOSED");
        assertThat(api.post("/api/outages/" + id + "/close", lead.token(), null).status()).isEqualTo(409);

        Api.Response item = api.createItem(lead.token(), Api.item(id, site));
        assertThat(item.status()).isEqualTo(409);
        assertThat(item.contentType()).startsWith("application/problem+json");
    }
}
