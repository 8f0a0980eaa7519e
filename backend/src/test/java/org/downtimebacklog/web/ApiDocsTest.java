package org.downtimebacklog.web;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ApiDocsTest {

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void specIsServedAnonymously() throws Exception {
        HttpResponse<String> response = get("/api/openapi.yml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("yaml"));
        assertThat(response.body())
                .contains("title: Downtime Backlog API")
                .contains("/api/auth/login:", "/api/users:", "/api/outages:", "/api/items:", "/api/audit:")
                .contains("/api/me:", "/api/people:", "/api/duplicates/check:", "name: X-Session")
                .contains("scheme: bearer")
                .doesNotContain("/api/openapi.yml:");
    }

    /** The web app's API types are generated from frontend/openapi.yml: it must be the document the service serves. */
    @Test
    void theWebAppsSnapshotOfTheSpecIsTheServedOne() throws Exception {
        Path snapshot = Path.of("..", "frontend", "openapi.yml");
        assertThat(get("/api/openapi.yml").body())
                .as("frontend/openapi.yml differs from the served document: after changing the API, copy "
                        + "backend/target/classes/META-INF/swagger/openapi.yml to frontend/openapi.yml")
                .isEqualTo(Files.readString(snapshot));
    }

    @Test
    void docsPageAndItsAssetsAreServedAnonymously() throws Exception {
        for (String path : new String[] {"/api/docs/", "/api/docs"}) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).as(path).contains("/api/openapi.yml").doesNotContain("<script>");
        }
        for (String asset : new String[] {"/api/docs/res/swagger-ui.css", "/api/docs/res/swagger-ui-bundle.js",
                "/api/docs/res/swagger-ui-standalone-preset.js", "/api/docs/swagger-ui-init.js"}) {
            assertThat(get(asset).statusCode()).as(asset).isEqualTo(200);
        }
    }
}
