package org.downtimebacklog.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.downtimebacklog.support.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in through the hospital's identity provider (OpenID Connect, authorization code flow), against a small
 * provider started here: the provider says who, the local account (enabled) decides everything else, and the
 * session is this service's own. Local sign-in keeps working without the provider.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcSignInTest {

    private static final String CLIENT_ID = "downtime-backlog-test";
    private static final String CLIENT_SECRET = "client-secret-of-the-tests";

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private Provider provider;
    private EmbeddedServer server;
    private Api api;

    @BeforeAll
    void start() throws Exception {
        provider = new Provider();
        Map<String, String> environment = Map.of(
                OidcProperties.ISSUER, provider.issuer(),
                OidcProperties.CLIENT_ID, CLIENT_ID,
                OidcProperties.CLIENT_SECRET, CLIENT_SECRET,
                OidcProperties.NAME, "Hospital staff account");
        Map<String, Object> config = new HashMap<>(OidcProperties.from(environment::get));
        config.put("micronaut.server.port", -1);
        server = ApplicationContext.run(EmbeddedServer.class, config, "test");
        api = new Api(server.getURL());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        provider.stop();
    }

    @BeforeEach
    void honestProvider() {
        provider.signingKey = provider.key;
        provider.audience = CLIENT_ID;
        provider.nonceOverride = null;
    }

    @Test
    @Order(1)
    void theProviderIsListedForTheSignInPage() {
        Api.Response r = api.get("/api/auth/providers", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().toString()).isEqualTo(
                "[{\"id\":\"hospital\",\"name\":\"Hospital staff account\",\"loginUrl\":\"/oauth/login/hospital\"}]");
    }

    @Test
    @Order(2)
    void aKnownUserSignsInWithTheirLocalAccountRolesAndSitesAndTheSessionIsTheServicesOwn() throws Exception {
        Api.User lead = api.createUser(new String[]{"TEAM_LEAD"}, new String[]{"RGH"}, new String[]{"EMAR"});
        // the provider may spell the username in capitals
        SignIn signIn = signIn(lead.username().toUpperCase());
        assertThat(signIn.location()).isEqualTo("/");
        String cookie = signIn.cookie("backlog_refresh");
        assertThat(cookie).isNotBlank();
        String setCookie = signIn.setCookie("backlog_refresh").toLowerCase();
        assertThat(setCookie).contains("; httponly", "; samesite=strict", "; path=/api/auth", "; max-age=43200");

        // the web app takes its access token from the cookie, as after a local sign-in
        Api.Response refreshed = api.send("POST", "/api/auth/refresh", null, null,
                "X-Session", "cookie", "Cookie", "backlog_refresh=" + cookie);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.body().get("username").asText()).isEqualTo(lead.username());
        assertThat(refreshed.body().get("idleTimeoutSeconds") == null
                || refreshed.body().get("idleTimeoutSeconds").asLong() > 0).isTrue();
        String access = refreshed.body().get("access_token").asText();
        Api.Response me = api.get("/api/me", access);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("username").asText()).isEqualTo(lead.username());
        assertThat(me.body().get("roles").toString()).isEqualTo("[\"TEAM_LEAD\"]");
        assertThat(me.body().get("sites").toString()).isEqualTo("[\"RGH\"]");

        // audited as a sign-in, through the identity provider
        JsonNode login = auditEvent(lead.username(), "LOGIN");
        assertThat(login).isNotNull();
        assertThat(login.get("changes").get("method").get("new").asText()).isEqualTo("OIDC");
        assertThat(login.get("changes").get("provider").get("new").asText()).isEqualTo("hospital");

        // signing out ends it as any session
        assertThat(api.send("POST", "/api/auth/logout", null, null, "X-Session", "cookie",
                "Cookie", "backlog_refresh=" + value(refreshed.header("Set-Cookie"))).status()).isEqualTo(204);
        assertThat(api.get("/api/me", access).status()).isEqualTo(401);
    }

    /**
     * With no password typed, the web app's outbox key comes from the device secret: handed out once per sign-in
     * through the provider, the same at every such sign-in of a person (what they left sealed opens again), another
     * person's not, and never to a later refresh (someone who picks up the phone while the session lasts) or a local
     * sign-in.
     */
    @Test
    @Order(2)
    void theFirstRefreshAfterASignInThroughTheProviderAloneCarriesThePersonsDeviceSecret() throws Exception {
        Api.User clerk = api.createUser("CLERK", "RGH");
        Api.User other = api.createUser("CLERK", "RGH");

        Api.Response first = refreshWith(signIn(clerk.username()).cookie("backlog_refresh"));
        String secret = first.body().path("deviceSecret").asText("");
        assertThat(secret).as(first.toString()).matches("[A-Za-z0-9_-]{43}");
        Api.Response second = refreshWith(value(first.header("Set-Cookie")));
        assertThat(second.body().path("deviceSecret").isMissingNode() || second.body().get("deviceSecret").isNull())
                .as("a later refresh of the same sign-in: " + second).isTrue();

        assertThat(refreshWith(signIn(clerk.username()).cookie("backlog_refresh")).body().get("deviceSecret").asText())
                .as("the next sign-in through the provider").isEqualTo(secret);
        assertThat(refreshWith(signIn(other.username()).cookie("backlog_refresh")).body().get("deviceSecret").asText())
                .as("another person's").isNotEqualTo(secret);

        JsonNode local = api.login(clerk.username(), clerk.password());
        assertThat(local.path("deviceSecret").isMissingNode() || local.get("deviceSecret").isNull())
                .as("a local sign-in: the password serves").isTrue();
        Api.Response localRefresh = api.post("/api/auth/refresh", null,
                Api.JSON.createObjectNode().put("refresh_token", local.get("refresh_token").asText()));
        assertThat(localRefresh.status()).isEqualTo(200);
        assertThat(localRefresh.body().path("deviceSecret").isMissingNode() || localRefresh.body().get("deviceSecret").isNull())
                .as("a local sign-in's refresh").isTrue();
    }

    private Api.Response refreshWith(String cookie) {
        Api.Response refreshed = api.send("POST", "/api/auth/refresh", null, null,
                "X-Session", "cookie", "Cookie", "backlog_refresh=" + cookie);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        return refreshed;
    }

    @Test
    @Order(3)
    void anUnknownUserIsRefusedWithoutASessionAndTheRefusalIsAudited() throws Exception {
        String stranger = Api.unique("stranger").toLowerCase();
        SignIn signIn = signIn(stranger);
        assertThat(signIn.location()).isEqualTo("/?signin=refused");
        assertThat(signIn.setCookie("backlog_refresh")).isNull();
        JsonNode refused = auditEvent(stranger, "LOGIN_REFUSED");
        assertThat(refused).isNotNull();
        assertThat(refused.get("reason").asText()).isEqualTo("no account with this username");
        assertThat(refused.get("changes").get("method").get("new").asText()).isEqualTo("OIDC");
    }

    @Test
    @Order(4)
    void aDisabledUserIsRefusedWithoutASession() throws Exception {
        Api.User clerk = api.createUser("CLERK", "RGH");
        Api.Response disabled = api.patch("/api/users/" + clerk.id(), api.adminToken(),
                Map.of("enabled", false, "reason", "left the trust"));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        SignIn signIn = signIn(clerk.username());
        assertThat(signIn.location()).isEqualTo("/?signin=refused");
        assertThat(signIn.setCookie("backlog_refresh")).isNull();
        JsonNode refused = auditEvent(clerk.username(), "LOGIN_REFUSED");
        assertThat(refused).isNotNull();
        assertThat(refused.get("reason").asText()).isEqualTo("the account is disabled");
        assertThat(auditEvent(clerk.username(), "LOGIN_FAILED")).isNull();
    }

    @Test
    @Order(5)
    void anIdentityTokenWithABadSignatureIsRefused() throws Exception {
        Api.User clerk = api.createUser("CLERK", "RGH");
        // the same key id, another key: not the provider's signature
        provider.signingKey = new RSAKeyGenerator(2048).keyID(provider.key.getKeyID()).generate();
        SignIn signIn = signIn(clerk.username());
        assertThat(signIn.location()).isEqualTo("/?signin=refused");
        assertThat(signIn.setCookie("backlog_refresh")).isNull();
        assertThat(auditEvent(clerk.username(), "LOGIN")).isNull();
    }

    @Test
    @Order(6)
    void anIdentityTokenForAnotherClientIsRefused() throws Exception {
        Api.User clerk = api.createUser("CLERK", "RGH");
        provider.audience = "another-application";
        SignIn signIn = signIn(clerk.username());
        assertThat(signIn.location()).isEqualTo("/?signin=refused");
        assertThat(signIn.setCookie("backlog_refresh")).isNull();
        assertThat(auditEvent(clerk.username(), "LOGIN")).isNull();
    }

    @Test
    @Order(7)
    void anIdentityTokenForAnotherSignInIsRefused() throws Exception {
        Api.User clerk = api.createUser("CLERK", "RGH");
        provider.nonceOverride = "a-nonce-of-another-sign-in";
        SignIn signIn = signIn(clerk.username());
        assertThat(signIn.location()).isEqualTo("/?signin=refused");
        assertThat(signIn.setCookie("backlog_refresh")).isNull();
    }

    @Test
    @Order(8)
    void aTokenSignedByTheProviderIsNoAccessToken() throws Exception {
        Api.User clerk = api.createUser("CLERK", "RGH");
        JWTClaimsSet real = SignedJWT.parse(clerk.token()).getJWTClaimsSet();
        SignedJWT byProvider = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(provider.key.getKeyID()).build(), real);
        byProvider.sign(new RSASSASigner(provider.key));
        assertThat(api.get("/api/me", clerk.token()).status()).isEqualTo(200);
        Api.Response r = api.get("/api/me", byProvider.serialize());
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    @Order(9)
    void aCallbackWithoutTheSignInsStateIsRefused() throws Exception {
        HttpResponse<String> r = get(server.getURL() + "/oauth/callback/hospital?code=forged&state=forged", Map.of());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElse("")).startsWith("/?signin=");
        assertThat(r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("backlog_refresh=")
                && !value(c).isEmpty())).isTrue();
    }

    @Test
    @Order(10)
    void localSignInStillWorksWhileTheProviderIsDown() throws Exception {
        Api.User clerk = api.createUser("CLERK", "RGH");
        provider.stop();
        JsonNode tokens = api.login(clerk.username(), clerk.password());
        assertThat(api.get("/api/me", tokens.get("access_token").asText()).status()).isEqualTo(200);
        // and signing in through the provider sends the browser back to the web app, not to an error
        HttpResponse<String> login = get(server.getURL() + "/oauth/login/hospital", Map.of());
        if (login.statusCode() == 302) {
            // the sign-in address is known (discovery was done at start); the provider itself does not answer
            assertThat(login.headers().firstValue("Location").orElse("")).startsWith(provider.issuer());
        } else {
            assertThat(login.statusCode()).isEqualTo(303);
        }
    }

    @Test
    @Order(11)
    void theServiceStartsAndLocalSignInWorksWhenTheProviderIsDownAtStart() throws Exception {
        Map<String, String> environment = Map.of(
                OidcProperties.ISSUER, "http://127.0.0.1:" + closedPort(),
                OidcProperties.CLIENT_ID, CLIENT_ID);
        Map<String, Object> config = new HashMap<>(OidcProperties.from(environment::get));
        config.put("micronaut.server.port", -1);
        try (EmbeddedServer down = ApplicationContext.run(EmbeddedServer.class, config, "test")) {
            Api local = new Api(down.getURL());
            Api.User clerk = local.createUser("CLERK", "RGH");
            assertThat(local.get("/api/me", clerk.token()).status()).isEqualTo(200);
            assertThat(local.get("/api/auth/providers", null).body().size()).isEqualTo(1);
            HttpResponse<String> login = get(down.getURL() + "/oauth/login/hospital", Map.of());
            assertThat(login.statusCode()).isEqualTo(303);
            assertThat(login.headers().firstValue("Location").orElse("")).isEqualTo("/?signin=failed");
        }
    }

    private static int closedPort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    @Order(12)
    void withoutConfigurationThereIsNoProvider() {
        try (EmbeddedServer plain = ApplicationContext.run(EmbeddedServer.class,
                Map.of("micronaut.server.port", -1), "test")) {
            Api local = new Api(plain.getURL());
            Api.Response r = local.get("/api/auth/providers", null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().isArray()).isTrue();
            assertThat(r.body().size()).isZero();
            Api.Response login = local.get("/oauth/login/hospital", null);
            assertThat(login.status()).isNotIn(302, 303);
            assertThat(login.header("Location")).isNull();
        }
    }

    // ---- the browser ----

    private record SignIn(HttpResponse<String> callback) {
        String location() {
            return callback.headers().firstValue("Location").orElse(null);
        }

        String setCookie(String name) {
            return callback.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                    .findFirst().orElse(null);
        }

        String cookie(String name) {
            String set = setCookie(name);
            return set == null ? null : value(set);
        }
    }

    /** The browser's round: the service's sign-in address, the provider's authorize endpoint, the callback. */
    private SignIn signIn(String username) throws Exception {
        provider.username = username;
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> login = get(server.getURL() + "/oauth/login/hospital", cookies);
        assertThat(login.statusCode()).as(login.body()).isIn(302, 303);
        keep(login, cookies);
        String authorize = login.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(provider.issuer() + "/authorize");
        HttpResponse<String> authorized = get(authorize, Map.of());
        assertThat(authorized.statusCode()).isEqualTo(302);
        String callback = authorized.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(server.getURL() + "/oauth/callback/hospital");
        HttpResponse<String> back = get(callback, cookies);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(back.body()).isEmpty();
        return new SignIn(back);
    }

    private HttpResponse<String> get(String url, Map<String, String> cookies) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html");
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        return browser.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void keep(HttpResponse<?> response, Map<String, String> cookies) {
        for (String set : response.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
    }

    private static String value(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        return pair.substring(pair.indexOf('=') + 1);
    }

    /** The user's latest event of this action ("LOGIN": through the identity provider), or null. */
    private JsonNode auditEvent(String username, String action) {
        Api.Response r = api.get("/api/audit?user=" + username, api.adminToken());
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode event : r.body()) {
            boolean throughProvider = event.path("changes").path("method").path("new").asText().equals("OIDC");
            if (event.get("action").asText().equals(action) && (throughProvider || !action.equals("LOGIN"))) {
                return event;
            }
        }
        return null;
    }

    // ---- the identity provider ----

    /** Discovery, keys, an authorize endpoint that agrees at once, and a token endpoint. */
    private static final class Provider {

        final RSAKey key;
        volatile RSAKey signingKey;
        volatile String audience = CLIENT_ID;
        volatile String username;
        volatile String nonceOverride;
        private final HttpServer http;
        private final Map<String, String> nonces = new ConcurrentHashMap<>();

        Provider() throws IOException, JOSEException {
            key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            signingKey = key;
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/.well-known/openid-configuration", exchange -> json(exchange, Api.write(Map.of(
                    "issuer", issuer(),
                    "authorization_endpoint", issuer() + "/authorize",
                    "token_endpoint", issuer() + "/token",
                    "jwks_uri", issuer() + "/jwks",
                    "response_types_supported", List.of("code"),
                    "subject_types_supported", List.of("public"),
                    "id_token_signing_alg_values_supported", List.of("RS256"),
                    "scopes_supported", List.of("openid", "profile", "email"),
                    "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post")))));
            http.createContext("/jwks", exchange -> json(exchange, new JWKSet(key.toPublicJWK()).toString()));
            http.createContext("/authorize", this::authorize);
            http.createContext("/token", this::token);
            http.start();
        }

        String issuer() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        void stop() {
            http.stop(0);
        }

        private void authorize(HttpExchange exchange) throws IOException {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            String code = UUID.randomUUID().toString();
            nonces.put(code, query.getOrDefault("nonce", ""));
            String location = query.get("redirect_uri") + "?code=" + code + "&state="
                    + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        }

        private void token(HttpExchange exchange) throws IOException {
            Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String nonce = nonces.remove(body.getOrDefault("code", ""));
            if (nonce == null) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                byte[] error = "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(400, error.length);
                exchange.getResponseBody().write(error);
                exchange.close();
                return;
            }
            try {
                Instant now = Instant.now();
                JWTClaimsSet claims = new JWTClaimsSet.Builder()
                        .issuer(issuer())
                        .subject(UUID.randomUUID().toString())
                        .audience(audience)
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(300)))
                        .claim("nonce", nonceOverride != null ? nonceOverride : nonce)
                        .claim("preferred_username", username)
                        .build();
                SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signingKey.getKeyID()).build(), claims);
                idToken.sign(new RSASSASigner(signingKey));
                json(exchange, Api.write(Map.of("access_token", UUID.randomUUID().toString(),
                        "token_type", "Bearer", "expires_in", 300, "id_token", idToken.serialize())));
            } catch (JOSEException e) {
                throw new IOException(e);
            }
        }

        private static Map<String, String> form(String encoded) {
            Map<String, String> values = new HashMap<>();
            if (encoded == null) {
                return values;
            }
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return values;
        }

        private static void json(HttpExchange exchange, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
