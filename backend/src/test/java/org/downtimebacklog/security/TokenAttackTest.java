package org.downtimebacklog.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens as an attacker who holds (or guesses) the signing secret might make them: each is refused, however well
 * signed, unless it says everything a token of this service says. The first token is a real one, re-signed as it is,
 * to show that the refusals come from what was changed.
 */
@MicronautTest(transactional = false)
class TokenAttackTest extends ApiTest {

    /** The signing secret of the tests (application-test.yml). */
    private static final String SECRET = "test-secret-that-is-long-enough-for-hs256-signing";

    @Test
    void tokensMissingOrMisstatingAnyRequiredClaimAreRefused() throws Exception {
        Api.User clerk = api.createUser("CLERK", "RGH");
        JWTClaimsSet real = SignedJWT.parse(clerk.token()).getJWTClaimsSet();
        assertThat(real.getIssuer()).isEqualTo("downtime-backlog");
        assertThat(real.getAudience()).containsExactly("downtime-backlog");
        assertThat(real.getNotBeforeTime()).isNotNull();
        assertThat(real.getExpirationTime()).isNotNull();

        assertThat(api.get("/api/me", sign(real, JWSAlgorithm.HS256)).status()).as("the real claims, re-signed").isEqualTo(200);

        Instant now = Instant.now();
        Map<String, UnaryOperator<JWTClaimsSet.Builder>> attacks = new LinkedHashMap<>();
        attacks.put("expired", b -> b.expirationTime(Date.from(now.minusSeconds(5))));
        attacks.put("no exp", b -> b.expirationTime(null));
        attacks.put("nbf in the future", b -> b.notBeforeTime(Date.from(now.plusSeconds(600))));
        attacks.put("no nbf", b -> b.notBeforeTime(null));
        attacks.put("wrong iss", b -> b.issuer("someone-else"));
        attacks.put("no iss", b -> b.issuer(null));
        attacks.put("wrong aud", b -> b.audience("another-service"));
        attacks.put("no aud", b -> b.audience((String) null));
        attacks.put("no uid", b -> b.claim("uid", null));
        attacks.put("old version", b -> b.claim("ver", ((Number) real.getClaim("ver")).intValue() - 1));
        for (Map.Entry<String, UnaryOperator<JWTClaimsSet.Builder>> attack : attacks.entrySet()) {
            String token = sign(attack.getValue().apply(new JWTClaimsSet.Builder(real)).build(), JWSAlgorithm.HS256);
            Api.Response r = api.get("/api/me", token);
            assertThat(r.status()).as(attack.getKey()).isEqualTo(401);
            assertThat(r.contentType()).as(attack.getKey()).startsWith("application/problem+json");
        }
        Api.Response hs512 = api.get("/api/me", sign(real, JWSAlgorithm.HS512));
        assertThat(hs512.status()).as("HS512 with the right secret").isEqualTo(401);
        Api.Response forged = api.get("/api/me", sign(real, JWSAlgorithm.HS256, "a-guessed-secret-that-is-long-enough-for-hs256"));
        assertThat(forged.status()).as("signed with another secret").isEqualTo(401);
    }

    @Test
    void rolesComeFromTheDatabaseNotFromTheToken() throws Exception {
        Api.User clerk = api.createUser("CLERK", "RGH");
        JWTClaimsSet promoted = new JWTClaimsSet.Builder(SignedJWT.parse(clerk.token()).getJWTClaimsSet())
                .claim("roles", List.of("ADMIN", "AUDITOR", "TEAM_LEAD")).build();
        String token = sign(promoted, JWSAlgorithm.HS256);
        for (String path : List.of("/api/users", "/api/audit", "/api/workload", "/api/people")) {
            Api.Response r = api.get(path, token);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.raw().body()).as(path).doesNotContain("admin");
        }
        assertThat(api.post("/api/users", token, Map.of("username", "mallory", "displayName", "M",
                "password", "a-long-enough-password", "roles", List.of("ADMIN"), "sites", List.of("*"))).status())
                .isEqualTo(403);
        assertThat(api.get("/api/me", token).status()).isEqualTo(200);
    }

    @Test
    void reusingARefreshTokenEndsTheAccessTokensOfTheStolenBranchAtOnce() {
        Api.User clerk = api.createUser("CLERK", "RGH");
        JsonNode signIn = api.login(clerk.username(), clerk.password());
        String stolen = signIn.get("refresh_token").asText();
        // the thief refreshes first and gets a fresh access token
        JsonNode thief = api.post("/api/auth/refresh", null, Map.of("refresh_token", stolen)).body();
        String thiefAccess = thief.get("access_token").asText();
        assertThat(api.get("/api/me", thiefAccess).status()).isEqualTo(200);
        // the owner's device presents the same refresh token: reuse
        assertThat(api.post("/api/auth/refresh", null, Map.of("refresh_token", stolen)).status()).isEqualTo(401);
        assertThat(api.get("/api/me", thiefAccess).status()).as("the thief's access token").isEqualTo(401);
        assertThat(api.get("/api/me", signIn.get("access_token").asText()).status()).isEqualTo(401);
        boolean audited = false;
        for (JsonNode event : api.get("/api/audit?user=" + clerk.username(), api.adminToken()).body()) {
            audited |= event.get("action").asText().equals("REFRESH_TOKEN_REUSED");
        }
        assertThat(audited).isTrue();
        // signing in again works
        assertThat(api.get("/api/me", api.login(clerk.username(), clerk.password()).get("access_token").asText()).status())
                .isEqualTo(200);
    }

    private static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm) throws Exception {
        return sign(claims, algorithm, SECRET);
    }

    private static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, String secret) throws Exception {
        if (algorithm == JWSAlgorithm.HS256) {
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        }
        // HMAC takes a key of any length, even where the JOSE library insists on a longer one
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(new JWSHeader(algorithm).toString().getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    }
}
