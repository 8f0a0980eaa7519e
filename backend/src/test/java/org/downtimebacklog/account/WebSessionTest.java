package org.downtimebacklog.account;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
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

/**
 * The web app's session: the access token lives only in the page's memory and the refresh token in an HttpOnly
 * cookie that is honoured only with the header X-Session: cookie.
 */
@MicronautTest(transactional = false)
class WebSessionTest extends ApiTest {

    private static final String SECRET = "test-secret-that-is-long-enough-for-hs256-signing";
    private static final String[] COOKIE_MODE = {"X-Session", "cookie"};

    @Test
    void signInInCookieModeSetsAnHttpOnlyCookieInsteadOfTheBodyToken() {
        Api.User clerk = api.createUser(new String[]{"CLERK"}, new String[]{"RGH", "WGH"}, new String[]{"EMAR"});
        Api.Response r = login(clerk, COOKIE_MODE);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("refresh_token").isNull()).isTrue();
        assertThat(r.body().get("access_token").asText()).isNotBlank();
        assertThat(r.body().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.body().get("sites").toString()).isEqualTo("[\"RGH\",\"WGH\"]");
        assertThat(r.body().get("targetSystems").toString()).isEqualTo("[\"EMAR\"]");
        String cookie = setCookie(r);
        // attribute names are case-insensitive (Netty writes "HTTPOnly")
        assertThat(cookie).startsWith("backlog_refresh=");
        assertThat(cookie.toLowerCase()).contains("; httponly", "; samesite=strict", "; path=/api/auth",
                "; max-age=43200").doesNotContain("secure");
        assertThat(value(cookie)).isNotBlank();
        assertThat(r.raw().body()).doesNotContain(value(cookie));
        assertThat(api.get("/api/outages", r.body().get("access_token").asText()).status()).isEqualTo(200);

        // over HTTPS (here: behind a proxy that says so) the cookie is Secure
        Api.Response secure = login(clerk, "X-Session", "cookie", "X-Forwarded-Proto", "https");
        assertThat(setCookie(secure).toLowerCase()).contains("; secure");
    }

    @Test
    void signInWithoutTheHeaderIsAsBeforeAndNamesSitesAndSystems() {
        Api.User clerk = api.createUser(new String[]{"CLERK"}, new String[]{"RGH"}, new String[]{"EHR", "EMAR"});
        Api.Response r = login(clerk);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("refresh_token").asText()).isNotBlank();
        assertThat(r.header("Set-Cookie")).isNull();
        assertThat(r.body().get("username").asText()).isEqualTo(clerk.username());
        assertThat(r.body().get("roles").toString()).isEqualTo("[\"CLERK\"]");
        assertThat(r.body().get("sites").toString()).isEqualTo("[\"RGH\"]");
        assertThat(r.body().get("targetSystems").toString()).isEqualTo("[\"EHR\",\"EMAR\"]");
    }

    @Test
    void refreshRotatesTheCookieAndAReusedCookieEndsTheSignIn() {
        Api.User clerk = api.createUser("CLERK", "RGH");
        String first = value(setCookie(login(clerk, COOKIE_MODE)));

        Api.Response rotated = refresh(first, COOKIE_MODE);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        assertThat(rotated.body().get("refresh_token").isNull()).isTrue();
        assertThat(rotated.body().get("sites").toString()).isEqualTo("[\"RGH\"]");
        String second = value(setCookie(rotated));
        assertThat(second).isNotBlank().isNotEqualTo(first);
        assertThat(setCookie(rotated).toLowerCase()).contains("; httponly", "; samesite=strict", "; path=/api/auth",
                "; max-age=43200");
        assertThat(api.get("/api/outages", rotated.body().get("access_token").asText()).status()).isEqualTo(200);

        // the first cookie again (stolen, or replayed): refused and cleared, and the whole sign-in is revoked
        Api.Response reused = refresh(first, COOKIE_MODE);
        assertRefusedAndCleared(reused);
        assertRefusedAndCleared(refresh(second, COOKIE_MODE));
    }

    @Test
    void anEmptyBodyOrEmptyObjectWorksInCookieMode() {
        Api.User clerk = api.createUser("CLERK", "RGH");
        String cookie = value(setCookie(login(clerk, COOKIE_MODE)));
        // as the web app sends it: Content-Type application/json, no body
        Api.Response empty = api.send("POST", "/api/auth/refresh", null, "",
                "X-Session", "cookie", "Cookie", "backlog_refresh=" + cookie);
        assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
        Api.Response emptyObject = api.send("POST", "/api/auth/refresh", null, "{}",
                "X-Session", "cookie", "Cookie", "backlog_refresh=" + value(setCookie(empty)));
        assertThat(emptyObject.status()).as(emptyObject.toString()).isEqualTo(200);
    }

    @Test
    void aMissingOrForgedCookieIsRefusedAndCleared() {
        assertRefusedAndCleared(api.send("POST", "/api/auth/refresh", null, null, COOKIE_MODE));
        assertRefusedAndCleared(refresh("forged-" + Api.unique("cookie"), COOKIE_MODE));
        assertRefusedAndCleared(refresh("", COOKIE_MODE));
    }

    @Test
    void aCookieWithoutTheHeaderIsNotHonoured() {
        Api.User clerk = api.createUser("CLERK", "RGH");
        String cookie = value(setCookie(login(clerk, COOKIE_MODE)));

        // what a cross-site form post would send: the cookie, but not the header
        Api.Response r = refresh(cookie);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("violations").get(0).get("field").asText()).isEqualTo("refresh_token");
        assertThat(r.header("Set-Cookie")).isNull();
        Api.Response wrongMode = refresh(cookie, "X-Session", "token");
        assertThat(wrongMode.status()).isEqualTo(400);
        Api.Response logout = api.send("POST", "/api/auth/logout", null, null, "Cookie", "backlog_refresh=" + cookie);
        assertThat(logout.status()).isEqualTo(401);

        // the cookie was not used up by any of that
        assertThat(refresh(cookie, COOKIE_MODE).status()).isEqualTo(200);
    }

    @Test
    void bodyRefreshStillWorksForApiClients() {
        Api.User clerk = api.createUser("CLERK", "RGH");
        String refresh = login(clerk).body().get("refresh_token").asText();
        Api.Response rotated = api.post("/api/auth/refresh", null, Map.of("refresh_token", refresh));
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body().get("refresh_token").asText()).isNotBlank().isNotEqualTo(refresh);
        assertThat(rotated.header("Set-Cookie")).isNull();

        Api.Response noBody = api.send("POST", "/api/auth/refresh", null, null);
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.body().get("violations").get(0).get("field").asText()).isEqualTo("refresh_token");
        Api.Response wrongType = api.post("/api/auth/refresh", null, Map.of("refresh_token", 42));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().get("violations").get(0).get("field").asText()).isEqualTo("refresh_token");
    }

    @Test
    void logoutInCookieModeEndsTheCookiesSignIn() {
        Api.User clerk = api.createUser("CLERK", "RGH");
        Api.Response signIn = login(clerk, COOKIE_MODE);
        String access = signIn.body().get("access_token").asText();
        String cookie = value(setCookie(signIn));

        Api.Response logout = api.send("POST", "/api/auth/logout", access, null,
                "X-Session", "cookie", "Cookie", "backlog_refresh=" + cookie);
        assertThat(logout.status()).isEqualTo(204);
        assertCleared(logout);
        assertThat(api.get("/api/outages", access).status()).isEqualTo(401);
        assertRefusedAndCleared(refresh(cookie, COOKIE_MODE));
    }

    @Test
    void logoutWithAnExpiredOrNoAccessTokenNeedsOnlyAValidCookie() throws Exception {
        Api.User clerk = api.createUser("CLERK", "RGH");
        String cookie = value(setCookie(login(clerk, COOKIE_MODE)));
        String expired = expiredToken(clerk);

        Api.Response logout = api.send("POST", "/api/auth/logout", expired, null,
                "X-Session", "cookie", "Cookie", "backlog_refresh=" + cookie);
        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
        assertCleared(logout);
        assertRefusedAndCleared(refresh(cookie, COOKIE_MODE));

        // no access token at all
        Api.Response again = login(clerk, COOKIE_MODE);
        String other = value(setCookie(again));
        Api.Response bare = api.send("POST", "/api/auth/logout", null, null,
                "X-Session", "cookie", "Cookie", "backlog_refresh=" + other);
        assertThat(bare.status()).isEqualTo(204);
        assertCleared(bare);
        assertThat(api.get("/api/outages", again.body().get("access_token").asText()).status()).isEqualTo(401);
        assertRefusedAndCleared(refresh(other, COOKIE_MODE));

        // a cookie that is no longer valid (or none) does not sign anyone out, and is cleared
        assertRefusedAndCleared(api.send("POST", "/api/auth/logout", null, null,
                "X-Session", "cookie", "Cookie", "backlog_refresh=" + other));
        assertRefusedAndCleared(api.send("POST", "/api/auth/logout", null, null, COOKIE_MODE));
        assertRefusedAndCleared(api.send("POST", "/api/auth/logout", expired, null,
                "X-Session", "cookie", "Cookie", "backlog_refresh=forged"));
    }

    @Test
    void logoutForApiClientsIsAsBefore() {
        Api.User clerk = api.createUser("CLERK", "RGH");
        Api.Response unsigned = api.post("/api/auth/logout", null, Map.of("refresh_token", "whatever"));
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.contentType()).startsWith("application/problem+json");
        assertThat(unsigned.header("Set-Cookie")).isNull();
        assertThat(api.post("/api/auth/logout", "not-a-token", Map.of()).status()).isEqualTo(401);

        String refresh = login(clerk).body().get("refresh_token").asText();
        Api.Response logout = api.post("/api/auth/logout", clerk.token(), Map.of("refresh_token", refresh));
        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.header("Set-Cookie")).isNull();
        assertThat(api.post("/api/auth/refresh", null, Map.of("refresh_token", refresh)).status()).isEqualTo(401);
    }

    private Api.Response login(Api.User user, String... headers) {
        return api.post("/api/auth/login", null, Map.of("username", user.username(), "password", user.password()), headers);
    }

    private Api.Response refresh(String cookie, String... headers) {
        String[] all = new String[headers.length + 2];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Cookie";
        all[headers.length + 1] = "backlog_refresh=" + cookie;
        return api.send("POST", "/api/auth/refresh", null, null, all);
    }

    private static String setCookie(Api.Response r) {
        List<String> cookies = r.raw().headers().allValues("Set-Cookie");
        assertThat(cookies).as(r.toString()).hasSize(1);
        return cookies.get(0);
    }

    private static String value(String setCookie) {
        return setCookie.substring("backlog_refresh=".length(), setCookie.indexOf(';'));
    }

    private static void assertCleared(Api.Response r) {
        String cookie = setCookie(r);
        assertThat(cookie).startsWith("backlog_refresh=");
        assertThat(cookie.toLowerCase()).contains("; max-age=0", "; path=/api/auth", "; httponly", "; samesite=strict");
        assertThat(value(cookie)).isEmpty();
    }

    private static void assertRefusedAndCleared(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("detail").asText()).isNotBlank();
        assertCleared(r);
    }

    private String expiredToken(Api.User user) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user.username()).claim("roles", List.of("CLERK"))
                .claim("uid", user.id()).claim("ver", 0).expirationTime(Date.from(Instant.now().minusSeconds(60))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }
}
