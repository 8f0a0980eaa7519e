package org.downtimebacklog.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class AuthTest extends ApiTest {

    private static final String SECRET = "test-secret-that-is-long-enough-for-hs256-signing";



    @Test
    void signInReturnsTokensAndRoles() {
        JsonNode tokens = api.login("admin", Api.ADMIN_PASSWORD);
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asInt()).isPositive();
        assertThat(tokens.get("refresh_token").asText()).isNotBlank();
        assertThat(tokens.get("roles").toString()).contains("ADMIN");
        String access = tokens.get("access_token").asText();
        assertThat(api.get("/api/users", access).status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        Api.User clerk = api.createUser("CLERK", "RGH");
        Api.Response wrongPassword = api.post("/api/auth/login", null, Map.of("username", clerk.username(), "password", "not-the-password"));
        Api.Response unknownUser = api.post("/api/auth/login", null, Map.of("username", "nobody-" + clerk.username(), "password", "not-the-password"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
        assertThat(wrongPassword.body().get("detail")).isEqualTo(unknownUser.body().get("detail"));
    }

    @Test
    void repeatedFailuresAreThrottledThenTheLockExpires() throws InterruptedException {
        Api.User clerk = api.createUser("CLERK", "RGH");
        Map<String, String> wrong = Map.of("username", clerk.username(), "password", "guess-guess-guess");
        for (int i = 0; i < 3; i++) {   // backlog.login.client.failures = 3 in tests
            assertThat(api.post("/api/auth/login", null, wrong).status()).isEqualTo(401);
        }
        Api.Response locked = api.post("/api/auth/login", null, Map.of("username", clerk.username(), "password", clerk.password()));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotNull();
        assertThat(locked.contentType()).startsWith("application/problem+json");

        Thread.sleep(Long.parseLong(locked.header("Retry-After")) * 1000 + 300);
        Api.Response after = api.post("/api/auth/login", null, Map.of("username", clerk.username(), "password", clerk.password()));
        assertThat(after.status()).isEqualTo(200);
    }

    @Test
    void refreshRotatesAndAReusedRefreshTokenRevokesTheFamily() {
        Api.User clerk = api.createUser("CLERK", "RGH");
        JsonNode first = api.login(clerk.username(), clerk.password());
        String refresh1 = first.get("refresh_token").asText();

        Api.Response rotated = api.post("/api/auth/refresh", null, Map.of("refresh_token", refresh1));
        assertThat(rotated.status()).isEqualTo(200);
        String refresh2 = rotated.body().get("refresh_token").asText();
        assertThat(refresh2).isNotEqualTo(refresh1);
        assertThat(api.get("/api/outages", rotated.body().get("access_token").asText()).status()).isEqualTo(200);

        // refresh1 presented again: refused, and the family (refresh2 too) is revoked
        assertThat(api.post("/api/auth/refresh", null, Map.of("refresh_token", refresh1)).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", null, Map.of("refresh_token", refresh2)).status()).isEqualTo(401);
        // another sign-in is unaffected
        JsonNode other = api.login(clerk.username(), clerk.password());
        assertThat(api.post("/api/auth/refresh", null, Map.of("refresh_token", other.get("refresh_token").asText())).status())
                .isEqualTo(200);
    }

    @Test
    void logoutRevokesTheRefreshTokenAndTheAccessToken() {
        Api.User clerk = api.createUser("CLERK", "RGH");
        JsonNode tokens = api.login(clerk.username(), clerk.password());
        String access = tokens.get("access_token").asText();
        Api.Response logout = api.post("/api/auth/logout", access, Map.of("refresh_token", tokens.get("refresh_token").asText()));
        assertThat(logout.status()).isEqualTo(204);
        assertThat(api.get("/api/outages", access).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", null, Map.of("refresh_token", tokens.get("refresh_token").asText())).status())
                .isEqualTo(401);
    }

    @Test
    void forgedUnsignedExpiredAndMalformedTokensAreRefused() throws Exception {
        JsonNode admin = api.login("admin", Api.ADMIN_PASSWORD);
        long adminId = api.get("/api/users", admin.get("access_token").asText()).body().get(0).get("id").asLong();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("admin").claim("roles", List.of("ADMIN"))
                .claim("uid", adminId).claim("ver", 0).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();

        String unsigned = new PlainJWT(claims).serialize();
        String wrongKey = sign(claims, "another-secret-that-is-also-long-enough-for-hs256");
        String expired = sign(new JWTClaimsSet.Builder(claims).expirationTime(Date.from(Instant.now().minusSeconds(60))).build(), SECRET);
        String[] parts = admin.get("access_token").asText().split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"admin\",\"roles\":[\"ADMIN\"],\"uid\":1,\"ver\":0}".getBytes()) + "." + parts[2];

        for (String token : List.of(unsigned, wrongKey, expired, tampered, "not-a-token")) {
            Api.Response r = api.get("/api/users", token);
            assertThat(r.status()).as(token).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/users", null).status()).isEqualTo(401);
    }

    private static String sign(JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }
}
