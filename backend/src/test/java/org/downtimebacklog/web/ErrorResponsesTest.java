package org.downtimebacklog.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error is RFC 9457 problem+json with a title and a detail for the API's user, never a stack trace. */
@MicronautTest(transactional = false)
class ErrorResponsesTest extends ApiTest {



    @Test
    void frameworkErrorsAreProblems() {
        String admin = api.adminToken();
        assertProblem(api.get("/api/outages", null), 401);
        assertProblem(api.get("/api/no-such-thing", admin), 404);
        Api.Response notAllowed = api.send("DELETE", "/api/outages", admin, null);
        assertProblem(notAllowed, 405);
        assertProblem(api.send("POST", "/api/outages", admin, "title=x", "Content-Type", "application/x-www-form-urlencoded"), 415);
        assertProblem(api.send("POST", "/api/outages", admin, "{\"title\":\"" + "x".repeat(300_000) + "\"}"), 413);
        assertProblem(api.send("POST", "/api/outages", admin, "{\"title\": tru"), 400);
        assertProblem(api.get("/api/items/not-a-number", admin), 400);
    }

    @Test
    void aBrowserAskingForHtmlIsRefusedTheSameWayAndNotRedirected() {
        // found by ApiFuzzTest: without a token and with Accept: text/html the API answered 303 to "/"
        // (a resource that cannot be given as HTML may answer 406 first; either way a problem, never a redirect)
        assertRefusedNotRedirected(api.send("GET", "/api/outages", null, null, "Accept", "text/html"), 401);
        assertRefusedNotRedirected(api.send("POST", "/api/items", null, "{}", "Accept", "text/html"), 401);
        assertRefusedNotRedirected(api.send("POST", "/api/queue/next", "forged.token.here", "{}", "Accept", "text/html"), 401);
        String clerk = api.createUser("CLERK", Api.site()).token();
        assertRefusedNotRedirected(api.send("POST", "/api/outages", clerk, "{}", "Accept", "text/html"), 403);
    }

    @Test
    void aRequestLineTooLongIsRefusedAsTooLarge() {
        Api.Response r = api.get("/api/items?q=" + "x".repeat(10_000), api.adminToken());
        assertProblem(r, 413);
        assertThat(r.body().get("detail").asText()).contains("URL");
    }

    @Test
    void aPathOrQueryValueOfTheWrongTypeIsNamed() {
        String admin = api.adminToken();
        Api.Response r = api.get("/api/items?highRisk=perhaps", admin);
        assertProblem(r, 400);
        assertThat(r.body().get("violations").get(0).get("field").asText()).isEqualTo("highRisk");
        Api.Response path = api.get("/api/items/abc", admin);
        assertThat(path.body().get("violations").get(0).get("field").asText()).isEqualTo("id");
    }

    @Test
    void apiResponsesAreNeverCached() {
        Api.Response r = api.get("/api/outages", api.adminToken());
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.post("/api/auth/login", null, Map.of("username", "x", "password", "y")).header("Cache-Control"))
                .isEqualTo("no-store");
    }

    @Test
    void healthAnswersWhileTheDatabaseDoes() {
        Api.Response health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
    }

    private static void assertRefusedNotRedirected(Api.Response r, int status) {
        assertThat(r.raw().headers().firstValue("Location")).as(r.toString()).isEmpty();
        assertThat(r.status()).as(r.toString()).isIn(status, 406);
        assertProblem(r, r.status());
    }

    private static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().get("status").asInt()).isEqualTo(status);
        assertThat(r.body().get("title").asText()).isNotBlank();
        assertThat(r.body().get("detail").asText()).isNotBlank();
        assertThat(r.raw().body()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("SQL");
    }
}
