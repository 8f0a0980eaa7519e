package org.downtimebacklog.account;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** As in production by default: no trusted proxies, so X-Forwarded-For is ignored and the connection's address used. */
@MicronautTest(transactional = false)
@Property(name = "backlog.trusted-proxies", value = "")
class UntrustedForwardingTest extends ApiTest {

    @Test
    void aGuesserCannotClaimAFreshAddressForEachAttempt() {
        Api.User nurse = api.createUser("CLERK", "RGH");
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/auth/login", null, Map.of("username", nurse.username(), "password", "guess-" + i),
                    "X-Forwarded-For", "198.51.100." + (20 + i)).status()).isEqualTo(401);
        }
        Api.Response refused = api.post("/api/auth/login", null,
                Map.of("username", nurse.username(), "password", nurse.password()), "X-Forwarded-For", "203.0.113.99");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
    }
}
