package org.downtimebacklog.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Serving the web app: its files, deep links, and the headers that keep it and the API safe in a browser. The app
 * here is the small stand-in under src/test/resources/public (index.html, assets/app-abc123.js, sw.js,
 * manifest.webmanifest).
 */
@MicronautTest(transactional = false)
class WebAppTest extends ApiTest {

    private static final String PAGE = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Test
    void theAppShellIsServedAtTheRootAndNeverCachedStale() {
        for (String path : new String[] {"/", "/index.html"}) {
            Api.Response page = page(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.raw().body()).as(path).contains("test app shell");
            assertThat(page.header("Cache-Control")).as(path).isEqualTo("no-cache");
            assertAppHeaders(page);
        }
    }

    @Test
    void deepLinksLoadTheApp() {
        for (String path : new String[] {"/items/42", "/outages/3", "/queue", "/items/42/history"}) {
            Api.Response page = page(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.raw().body()).as(path).contains("test app shell");
            assertThat(page.header("Cache-Control")).as(path).isEqualTo("no-cache");
            assertAppHeaders(page);
        }
        Api.Response head = api.send("HEAD", "/items/42", null, null, "Accept", PAGE);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.contentType()).startsWith("text/html");
        assertThat(head.raw().body()).isEmpty();
    }

    @Test
    void writingToAPageOfTheAppIsNotAllowed() {
        for (String method : new String[]{"POST", "PUT", "DELETE", "PATCH"}) {
            for (String path : new String[]{"/items/42", "/", "/index.html"}) {
                Api.Response r = api.send(method, path, null, "{}", "Accept", PAGE);
                assertThat(r.status()).as(method + " " + path).isEqualTo(405);
                assertThat(r.contentType()).as(method + " " + path).startsWith("application/problem+json");
                assertThat(r.raw().body()).as(method + " " + path).doesNotContain("<html");
            }
        }
    }

    @Test
    void onlyPageRequestsFallBackToTheApp() {
        // not asking for HTML: a 404 as before
        Api.Response json = api.send("GET", "/items/42", null, null, "Accept", "application/json");
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.contentType()).startsWith("application/problem+json");
        assertThat(api.send("GET", "/items/42", null, null, "Accept", "*/*").status()).isEqualTo(404);
        // the API keeps its problem+json 404, even for a browser
        for (String path : new String[] {"/api/no-such-thing", "/api/items/42/nothing", "/api"}) {
            Api.Response api404 = page(path);
            assertThat(api404.status()).as(path).isEqualTo(404);
            assertThat(api404.contentType()).as(path).startsWith("application/problem+json");
        }
        Api.Response signedIn = api.send("GET", "/api/no-such-thing", api.adminToken(), null, "Accept", PAGE);
        assertThat(signedIn.status()).isEqualTo(404);
        assertThat(signedIn.contentType()).startsWith("application/problem+json");
        // a missing file is not a page, and is not cached for good
        Api.Response asset = api.send("GET", "/assets/nope.js", null, null, "Accept", "*/*");
        assertThat(asset.status()).isEqualTo(404);
        assertThat(asset.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page("/assets/nope.js").status()).isEqualTo(404);
        // a page cannot be posted to
        assertThat(api.send("POST", "/items/42", null, "{}", "Accept", PAGE).status()).isNotEqualTo(200);
    }

    @Test
    void hashedAssetsAreCachedForGood() {
        Api.Response asset = api.send("GET", "/assets/app-abc123.js", null, null, "Accept", "*/*");
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.contentType()).startsWith("text/javascript");
        assertThat(asset.raw().body()).contains("test asset");
        assertThat(asset.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertAppHeaders(asset);
    }

    @Test
    void theServiceWorkerAndManifestAreRevalidatedAndCorrectlyTyped() {
        Api.Response worker = api.send("GET", "/sw.js", null, null, "Accept", "*/*");
        assertThat(worker.status()).isEqualTo(200);
        assertThat(worker.contentType()).startsWith("text/javascript");
        assertThat(worker.header("Cache-Control")).isEqualTo("no-cache");
        assertAppHeaders(worker);

        Api.Response manifest = api.send("GET", "/manifest.webmanifest", null, null, "Accept", "*/*");
        assertThat(manifest.status()).isEqualTo(200);
        assertThat(manifest.contentType()).startsWith("application/manifest+json");
        assertThat(manifest.header("Cache-Control")).isEqualTo("no-cache");
        assertAppHeaders(manifest);
    }

    @Test
    void apiResponsesLoadNothingAndAreNeverStored() {
        Api.Response r = api.get("/api/outages", api.adminToken());
        assertThat(r.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        Api.Response refused = api.get("/api/outages", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void theApiDocsMayRunSwaggerUiButNoInlineScript() {
        for (String path : new String[] {"/api/docs", "/api/docs/", "/api/docs/swagger-ui-init.js"}) {
            Api.Response docs = page(path);
            assertThat(docs.status()).as(path).isEqualTo(200);
            String policy = docs.header("Content-Security-Policy");
            assertThat(policy).as(path).contains("script-src 'self';", "style-src 'self' 'unsafe-inline'",
                    "img-src 'self' data:", "frame-ancestors 'none'");
            assertThat(policy).as(path).doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'");
        }
    }

    @Test
    void strictTransportSecurityOnlyOverHttps() {
        assertThat(page("/").header("Strict-Transport-Security")).isNull();
        assertThat(api.get("/api/outages", null).header("Strict-Transport-Security")).isNull();
        Api.Response viaProxy = api.send("GET", "/items/42", null, null, "Accept", PAGE, "X-Forwarded-Proto", "https");
        assertThat(viaProxy.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        Api.Response apiViaProxy = api.send("GET", "/api/outages", null, null, "X-Forwarded-Proto", "https");
        assertThat(apiViaProxy.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(api.send("GET", "/", null, null, "X-Forwarded-Proto", "http").header("Strict-Transport-Security")).isNull();
    }

    private Api.Response page(String path) {
        return api.send("GET", path, null, null, "Accept", PAGE);
    }

    private static void assertAppHeaders(Api.Response r) {
        assertThat(r.header("Content-Security-Policy")).isEqualTo(APP_POLICY);
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.header("Permissions-Policy")).isEqualTo("camera=(self), microphone=(), geolocation=()");
    }
}
