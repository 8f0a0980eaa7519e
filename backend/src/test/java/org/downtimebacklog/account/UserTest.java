package org.downtimebacklog.account;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class UserTest extends ApiTest {



    @Test
    void adminCreatesAndListsUsersWithoutExposingPasswords() {
        String admin = api.adminToken();
        String username = Api.unique("clerk").toLowerCase();
        Api.Response created = api.post("/api/users", admin, Map.of("username", username, "displayName", "A Clerk",
                "password", "a-long-enough-password", "roles", new String[]{"CLERK"}, "sites", new String[]{"RGH"},
                "targetSystems", new String[]{"EMAR"}));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/users/" + created.body().get("id").asLong());
        assertThat(created.body().get("roles").toString()).isEqualTo("[\"CLERK\"]");
        assertThat(created.raw().body()).doesNotContain("password");

        Api.Response list = api.get("/api/users", admin);
        assertThat(list.raw().body()).contains(username).doesNotContain("a-long-enough-password").doesNotContain("$2");
    }

    @Test
    void onlyAdminsManageUsers() {
        Api.User lead = api.createUser("TEAM_LEAD", "RGH");
        assertThat(api.get("/api/users", lead.token()).status()).isEqualTo(403);
        Api.Response r = api.post("/api/users", lead.token(), Map.of("username", "sneaky", "displayName", "x",
                "password", "a-long-enough-password", "roles", new String[]{"ADMIN"}, "sites", new String[]{"*"}));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void duplicateUsernameIsAConflictAndBadFieldsAreNamed() {
        String admin = api.adminToken();
        Api.User existing = api.createUser("CLERK", "RGH");
        Api.Response dup = api.post("/api/users", admin, Map.of("username", existing.username(), "displayName", "x",
                "password", "a-long-enough-password", "roles", new String[]{"CLERK"}, "sites", new String[]{"RGH"}));
        assertThat(dup.status()).isEqualTo(409);

        Api.Response bad = api.post("/api/users", admin, Map.of("username", "Bad Name", "displayName", "x",
                "password", "short", "roles", new String[]{"SUPERUSER"}, "sites", new String[]{"RGH"}));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("violations").get(0).get("field").asText()).isEqualTo("roles[0]");

        Api.Response bad2 = api.post("/api/users", admin, Map.of("username", "Bad Name", "displayName", "x",
                "password", "short", "roles", new String[]{"CLERK"}, "sites", new String[]{"rgh"}));
        assertThat(bad2.status()).isEqualTo(400);
        assertThat(bad2.raw().body()).contains("\"username\"").contains("\"password\"").contains("\"sites[]\"");
    }

    @Test
    void disablingAUserEndsTheirTokensAtOnce() {
        String admin = api.adminToken();
        Api.User clerk = api.createUser("CLERK", "RGH");
        String refresh = api.login(clerk.username(), clerk.password()).get("refresh_token").asText();
        assertThat(api.get("/api/outages", clerk.token()).status()).isEqualTo(200);

        Api.Response disabled = api.patch("/api/users/" + clerk.id(), admin, Map.of("enabled", false, "reason", "left the trust"));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.body().get("enabled").asBoolean()).isFalse();

        assertThat(api.get("/api/outages", clerk.token()).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", null, Map.of("refresh_token", refresh)).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/login", null, Map.of("username", clerk.username(), "password", clerk.password())).status())
                .isEqualTo(401);
    }

    @Test
    void changingSitesTakesEffectAfterARefresh() {
        String admin = api.adminToken();
        Api.User clerk = api.createUser("CLERK", "RGH");
        String refresh = api.login(clerk.username(), clerk.password()).get("refresh_token").asText();
        assertThat(api.patch("/api/users/" + clerk.id(), admin, Map.of("sites", new String[]{"UHW"})).status()).isEqualTo(200);
        assertThat(api.get("/api/outages", clerk.token()).status()).isEqualTo(401);
        Api.Response refreshed = api.post("/api/auth/refresh", null, Map.of("refresh_token", refresh));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(api.get("/api/outages", refreshed.body().get("access_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void userChangesAreAudited() {
        String admin = api.adminToken();
        Api.User clerk = api.createUser("CLERK", "RGH");
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        api.patch("/api/users/" + clerk.id(), admin, Map.of("roles", new String[]{"CLERK", "TEAM_LEAD"}, "reason", "promoted"));
        Api.Response audit = api.get("/api/audit?user=admin&limit=500&from=" + before, admin);
        assertThat(audit.status()).isEqualTo(200);
        boolean found = false;
        for (var e : audit.body()) {
            if (e.get("action").asText().equals("USER_UPDATED") && e.get("entityId").asLong() == clerk.id()) {
                assertThat(e.get("reason").asText()).isEqualTo("promoted");
                assertThat(e.get("changes").get("roles").get("old").toString()).isEqualTo("[\"CLERK\"]");
                assertThat(e.get("changes").get("roles").get("new").toString()).isEqualTo("[\"CLERK\",\"TEAM_LEAD\"]");
                found = true;
            }
        }
        assertThat(found).isTrue();
    }
}
