package org.downtimebacklog.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in throttling as users and guessers meet it. The tests' limits (application-test.yml): 3 failures per username
 * and client, then one a second; 6 per username from every address, then one a second; 20 per address whatever the
 * name. A client other than the loopback is named in X-Forwarded-For, which the tests' config trusts from loopback.
 */
@MicronautTest(transactional = false)
class LoginThrottleTest extends ApiTest {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

    @Inject
    DataSource pool;

    @Test
    void aGuesserOnOneDeviceDoesNotStopTheUserSigningInOnAnother() {
        Api.User nurse = api.createUser("CLERK", "RGH");
        String attacker = address();
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(nurse.username(), "guess-" + i, attacker).status()).isEqualTo(401);
        }
        Api.Response refused = signIn(nurse.username(), nurse.password(), attacker);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(refused.body().get("retryAfterSeconds").asLong()).isEqualTo(Long.parseLong(refused.header("Retry-After")));

        // the ward's phone, with the right password, gets in while the guesser is still refused
        assertThat(signIn(nurse.username(), nurse.password(), address()).status()).isEqualTo(200);
        assertThat(signIn(nurse.username(), "guess-again", attacker).status()).isEqualTo(429);

        JsonNode throttled = api.lastAuditEvent(nurse.username(), "REQUEST_THROTTLED");
        assertThat(throttled.get("changes").get("client").get("new").asText()).isEqualTo(attacker);
        assertThat(throttled.get("changes").get("path").get("new").asText()).isEqualTo("/api/auth/login");
        assertThat(throttled.toString()).doesNotContain("guess-again").doesNotContain(nurse.password());
    }

    @Test
    void failuresDrainAwaySoNoOneStaysLockedOut() throws InterruptedException {
        Api.User nurse = api.createUser("CLERK", "RGH");
        String device = address();
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(nurse.username(), "typo-" + i, device).status()).isEqualTo(401);
        }
        Api.Response refused = signIn(nurse.username(), nurse.password(), device);
        assertThat(refused.status()).isEqualTo(429);
        // no lock that doubles: once the bucket has room for one more (a second here), one more attempt goes through
        Thread.sleep(Long.parseLong(refused.header("Retry-After")) * 1000 + 100);
        assertThat(signIn(nurse.username(), nurse.password(), device).status()).isEqualTo(200);
        // and signing in forgave that device's failures: three more typos are allowed again
        for (int i = 0; i < 2; i++) {
            assertThat(signIn(nurse.username(), "typo-again-" + i, device).status()).isEqualTo(401);
        }
        assertThat(signIn(nurse.username(), nurse.password(), device).status()).isEqualTo(200);
    }

    @Test
    void guessesFromManyAddressesMeetTheAccountsCeiling() {
        Api.User nurse = api.createUser("CLERK", "RGH");
        for (int i = 0; i < 6; i++) {
            assertThat(signIn(nurse.username(), "spread-" + i, address()).status()).isEqualTo(401);
        }
        // a seventh address, never seen before: the account has had its 6 failures this window
        Api.Response refused = signIn(nurse.username(), "spread-more", address());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(refused.body().get("detail").asText()).contains("this username");
    }

    @Test
    void oneAddressTryingManyNamesIsStoppedWhateverTheName() {
        Api.User nurse = api.createUser("CLERK", "RGH");
        String sprayer = address();
        String prefix = Api.unique("spray").toLowerCase();
        for (int i = 0; i < 20; i++) {
            assertThat(signIn(prefix + "-" + i, "Winter2026!", sprayer).status()).as("attempt " + i).isEqualTo(401);
        }
        Api.Response refused = signIn(nurse.username(), nurse.password(), sprayer);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(refused.body().get("detail").asText()).contains("device");
        // the same user from their own device is not affected
        assertThat(signIn(nurse.username(), nurse.password(), address()).status()).isEqualTo(200);
        assertThat(api.lastAuditEvent(nurse.username(), "REQUEST_THROTTLED").get("changes").get("client").get("new").asText())
                .isEqualTo(sprayer);
    }

    @Test
    void namesThatAreNoOnesDoNotPileUpInTheDatabase() throws Exception {
        String prefix = Api.unique("nobody").toLowerCase();
        int refused = 0;
        for (int a = 0; a < 3; a++) {
            String sprayer = address();
            for (int i = 0; i < 25; i++) {
                int status = signIn(prefix + "-" + a + "-" + i, "password1", sprayer).status();
                assertThat(status).isIn(401, 429);
                refused += status == 429 ? 1 : 0;
            }
        }
        // each address was refused after its 20 failures: 60 names were tried, 15 never reached the database
        assertThat(refused).isEqualTo(15);
        assertThat(rowsFor(prefix)).isBetween(1L, 120L);
        // and once their counts have drained (a second or two here), the sweep deletes them
        long deadline = System.currentTimeMillis() + 10_000;
        while (rowsFor(prefix) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertThat(rowsFor(prefix)).isZero();
    }

    @Test
    void aForgedEntryLeftOfTheProxysDoesNotGiveAFreshBudget() {
        // the rightmost hop that is not a trusted proxy is the client; what a client writes before it is not believed
        Api.User nurse = api.createUser("CLERK", "RGH");
        String device = address();
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(nurse.username(), "guess-" + i, "192.0.2." + (i + 1) + ", " + device).status())
                    .isEqualTo(401);
        }
        assertThat(signIn(nurse.username(), nurse.password(), "198.18.0.1, " + device).status()).isEqualTo(429);
    }

    private Api.Response signIn(String username, String password, String forwardedFor) {
        return api.post("/api/auth/login", null, Map.of("username", username, "password", password),
                "X-Forwarded-For", forwardedFor);
    }

    /**
     * A fresh address from the documentation ranges, as a label only: no traffic goes there. Never one an earlier test
     * used, since the service remembers each address's failures and a reused one would start with them.
     */
    private static String address() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return (n < 254 ? "198.51.100." : "203.0.113.") + (n % 254 + 1);
    }

    private long rowsFor(String prefix) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(pool).getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM login_failure WHERE username LIKE ?")) {
            s.setString(1, prefix + "-%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
