package org.downtimebacklog.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ceiling on sign-in attempts per instance, here 4 a minute, whoever and from wherever. */
@MicronautTest(transactional = false)
@Property(name = "backlog.login.instance.attempts", value = "4")
@Property(name = "backlog.login.instance.window", value = "1m")
class LoginCeilingTest extends ApiTest {

    @Test
    void aFloodOfSignInsMeetsTheInstancesCeiling() {
        String admin = api.adminToken();   // the first of the 4
        for (int i = 0; i < 3; i++) {
            Api.Response r = api.post("/api/auth/login", null, Map.of("username", "flood-" + i, "password", "x"),
                    "X-Forwarded-For", "198.51.100." + (10 + i));
            assertThat(r.status()).isEqualTo(401);
        }
        // a fifth, right password, fresh address: refused until the bucket refills
        Api.Response refused = api.post("/api/auth/login", null, Map.of("username", "admin", "password", Api.ADMIN_PASSWORD),
                "X-Forwarded-For", "203.0.113.77");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 15L);

        JsonNode found = null;
        for (JsonNode event : api.auditEvents("admin", admin)) {
            if (event.get("action").asText().equals("REQUEST_THROTTLED")
                    && event.get("changes").get("client").get("new").asText().equals("203.0.113.77")) {
                found = event;
            }
        }
        assertThat(found).isNotNull();
    }
}
