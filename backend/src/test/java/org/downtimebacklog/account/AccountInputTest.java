package org.downtimebacklog.account;

import com.fasterxml.jackson.databind.JsonNode;
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
class AccountInputTest extends ApiTest {

    @Test
    void aPasswordLongerThanBcryptTakesIsAnOrdinaryFailedSignInCountedAndAudited() {
        Api.User clerk = api.createUser("CLERK", "RGH");
        for (int bytes : new int[]{73, 200}) {
            Api.Response r = api.post("/api/auth/login", null, Map.of("username", clerk.username(), "password", "p".repeat(bytes)));
            assertThat(r.status()).as(bytes + " bytes: " + r).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        // multi-byte characters: 40 characters, 80 bytes
        Api.Response accented = api.post("/api/auth/login", null, Map.of("username", clerk.username(), "password", "é".repeat(40)));
        assertThat(accented.status()).isEqualTo(401);
        long failures = 0;
        for (JsonNode event : api.get("/api/audit?user=" + clerk.username(), api.adminToken()).body()) {
            if (event.get("action").asText().equals("LOGIN_FAILED")) {
                failures++;
            }
        }
        assertThat(failures).isEqualTo(3);
        // counted like any failure: with the tests' backlog.login.client.failures of 3, this client waits a while
        assertThat(api.post("/api/auth/login", null, Map.of("username", clerk.username(), "password", clerk.password())).status())
                .isEqualTo(429);
    }

    @Test
    void sitesOrSystemsThatDoNotFitTheirColumnAreRefusedByName() {
        String admin = api.adminToken();
        List<String> many = IntStream.range(0, 40).mapToObj(i -> "S" + "X".repeat(29) + String.format("%02d", i)).toList();
        String username = Api.unique("wide").toLowerCase();
        Api.Response created = api.post("/api/users", admin, Map.of("username", username, "displayName", "Wide",
                "password", "a-long-enough-password", "roles", new String[]{"CLERK"}, "sites", many,
                "targetSystems", List.of("EMAR")));
        assertField(created, "sites");
        Api.Response systems = api.post("/api/users", admin, Map.of("username", username, "displayName", "Wide",
                "password", "a-long-enough-password", "roles", new String[]{"CLERK"}, "sites", List.of("RGH"),
                "targetSystems", many));
        assertField(systems, "targetSystems");
        assertThat(api.get("/api/users", admin).raw().body()).doesNotContain(username);

        Api.User clerk = api.createUser("CLERK", "RGH");
        Api.Response updated = api.patch("/api/users/" + clerk.id(), admin, Map.of("sites", many));
        assertField(updated, "sites");
        assertThat(api.get("/api/users/" + clerk.id(), admin).body().get("sites").toString()).isEqualTo("[\"RGH\"]");
    }

    static void assertField(Api.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isBetween(400, 499);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("violations").findValuesAsText("field")).as(r.toString()).contains(field);
    }
}
