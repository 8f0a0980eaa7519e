package org.downtimebacklog.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.downtimebacklog.support.Api;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions fit for shared ward phones: one ends after a time of no use (the idle timeout) and, however much it is
 * used, after a shift (the absolute lifetime). Here both are seconds long, on the tests' database.
 */
class SessionLimitsTest {

    @Test
    void aSessionEndsWhenIdleAndAtItsAbsoluteLimitHoweverMuchItIsUsed() throws Exception {
        Map<String, Object> config = Map.of("backlog.session.idle", "2s", "backlog.session.absolute", "5s",
                "micronaut.server.port", -1);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, config, "test")) {
            Api api = new Api(server.getURL());
            Api.User clerk = api.createUser("CLERK", "RGH");

            // idle: not refreshed within 2 s, the sign-in is over
            String idle = api.login(clerk.username(), clerk.password()).get("refresh_token").asText();
            Thread.sleep(2_500);
            assertThat(api.post("/api/auth/refresh", null, Map.of("refresh_token", idle)).status()).isEqualTo(401);

            // in use: refreshed every second it lives on, until 5 s after sign-in, and not a moment longer
            long signedIn = System.nanoTime();
            String token = api.login(clerk.username(), clerk.password()).get("refresh_token").asText();
            int refreshes = 0;
            while (System.nanoTime() - signedIn < 4_000_000_000L) {
                Thread.sleep(1_000);
                Api.Response r = api.post("/api/auth/refresh", null, Map.of("refresh_token", token));
                assertThat(r.status()).as("refresh " + refreshes).isEqualTo(200);
                token = r.body().get("refresh_token").asText();
                refreshes++;
            }
            assertThat(refreshes).isGreaterThanOrEqualTo(3);
            Thread.sleep(Math.max(0, 5_300 - (System.nanoTime() - signedIn) / 1_000_000));
            Api.Response late = api.post("/api/auth/refresh", null, Map.of("refresh_token", token));
            assertThat(late.status()).as("after the absolute limit").isEqualTo(401);
            JsonNode again = api.login(clerk.username(), clerk.password());
            assertThat(again.get("access_token").asText()).isNotBlank();
        }
    }
}
