package org.downtimebacklog.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who am I (GET /api/me), and whom can a team lead give work to (GET /api/people). */
@MicronautTest(transactional = false)
class PeopleTest extends ApiTest {

    @Test
    void meDescribesTheCallerAsTheDatabaseKnowsThemNow() {
        Api.User clerk = api.createUser(new String[]{"CLERK"}, new String[]{"WGH", "RGH"}, new String[]{"EMAR", "EHR"});
        Api.Response me = api.get("/api/me", clerk.token());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("username").asText()).isEqualTo(clerk.username());
        assertThat(me.body().get("displayName").asText()).isEqualTo("Test " + clerk.username());
        assertThat(me.body().get("roles").toString()).isEqualTo("[\"CLERK\"]");
        assertThat(me.body().get("sites").toString()).isEqualTo("[\"RGH\",\"WGH\"]");
        assertThat(me.body().get("targetSystems").toString()).isEqualTo("[\"EHR\",\"EMAR\"]");
        assertThat(fieldNames(me.body())).containsExactlyInAnyOrder("username", "displayName", "roles", "sites",
                "targetSystems");
        assertThat(me.header("Cache-Control")).isEqualTo("no-store");

        assertThat(api.get("/api/me", api.adminToken()).body().get("sites").toString()).isEqualTo("[\"*\"]");
        Api.Response anonymous = api.get("/api/me", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }

    @Test
    void peopleAreTheEnabledClerksAndLeadsWhoShareASiteByDisplayName() {
        String site = Api.site();
        String other = Api.site();
        String tag = Api.unique("p");
        Api.User lead = api.createUser("TEAM_LEAD", site);
        String carl = create("Carl " + tag, new String[]{"CLERK"}, new String[]{site, other}, true);
        String anna = create("anna " + tag, new String[]{"TEAM_LEAD"}, new String[]{site}, true);
        String everywhere = create("Bea " + tag, new String[]{"CLERK"}, new String[]{"*"}, true);
        String elsewhere = create("Dan " + tag, new String[]{"CLERK"}, new String[]{other}, true);
        String disabled = create("Eve " + tag, new String[]{"CLERK"}, new String[]{site}, false);
        String auditor = create("Fay " + tag, new String[]{"AUDITOR"}, new String[]{site}, true);
        String admin = create("Gus " + tag, new String[]{"ADMIN"}, new String[]{site}, true);

        Api.Response r = api.get("/api/people", lead.token());
        assertThat(r.status()).isEqualTo(200);
        List<String> mine = tagged(r.body(), tag);
        assertThat(mine).containsExactly(anna, everywhere, carl);
        assertThat(usernames(r.body())).contains(lead.username())
                .doesNotContain(elsewhere, disabled, auditor, admin);

        JsonNode person = find(r.body(), carl);
        assertThat(fieldNames(person)).containsExactlyInAnyOrder("username", "displayName", "roles", "sites",
                "targetSystems");
        assertThat(person.get("displayName").asText()).isEqualTo("Carl " + tag);
        assertThat(person.get("roles").toString()).isEqualTo("[\"CLERK\"]");
        assertThat(person.get("targetSystems").toString()).isEqualTo("[\"EHR\",\"EMAR\"]");
        assertThat(r.raw().body()).doesNotContainIgnoringCase("password").doesNotContain("$2");

        // an administrator of every site sees everyone who can work items
        List<String> forAdmin = tagged(api.get("/api/people", api.adminToken()).body(), tag);
        assertThat(forAdmin).containsExactly(anna, everywhere, carl, elsewhere);
    }

    @Test
    void onlyLeadsAndAdminsMayListPeople() {
        String site = Api.site();
        assertThat(api.get("/api/people", api.createUser("CLERK", site).token()).status()).isEqualTo(403);
        Api.Response auditor = api.get("/api/people", api.createUser("AUDITOR", site).token());
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(auditor.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/people", null).status()).isEqualTo(401);
    }

    private String create(String displayName, String[] roles, String[] sites, boolean enabled) {
        String username = Api.unique("person").toLowerCase();
        Api.Response r = api.post("/api/users", api.adminToken(), Map.of("username", username,
                "displayName", displayName, "password", "correct-horse-battery", "roles", roles, "sites", sites,
                "targetSystems", new String[]{"EMAR", "EHR"}, "enabled", enabled));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return username;
    }

    /** Usernames of the people whose display name carries the tag, in the order listed. */
    private static List<String> tagged(JsonNode people, String tag) {
        List<String> names = new ArrayList<>();
        people.forEach(p -> {
            if (p.get("displayName").asText().endsWith(tag)) {
                names.add(p.get("username").asText());
            }
        });
        return names;
    }

    private static List<String> usernames(JsonNode people) {
        return people.findValuesAsText("username");
    }

    private static JsonNode find(JsonNode people, String username) {
        for (JsonNode p : people) {
            if (p.get("username").asText().equals(username)) {
                return p;
            }
        }
        throw new AssertionError(username + " not listed");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
