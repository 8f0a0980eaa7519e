package org.downtimebacklog.web;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URL;

/**
 * Serves the OpenAPI document and the Swagger UI page that micronaut-openapi generates at build time (see
 * backend/openapi.properties). The page's scripts and styles under {@code /api/docs/} are static resources
 * (application.yml). The page is served here for {@code /api/docs} as well as {@code /api/docs/} (the router treats
 * them as one path); it refers to everything by absolute path, so both work.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
class ApiDocsController {

    static final MediaType YAML = MediaType.of("application/yaml");

    private final URL spec;
    private final URL page;

    ApiDocsController(ResourceResolver resources) {
        this.spec = require(resources, "classpath:META-INF/swagger/openapi.yml");
        this.page = require(resources, "classpath:META-INF/swagger/views/swagger-ui/index.html");
    }

    @Get("/api/openapi.yml")
    HttpResponse<StreamedFile> openApi() {
        return HttpResponse.ok(new StreamedFile(spec)).contentType(YAML);
    }

    @Get("/api/docs")
    HttpResponse<StreamedFile> docs() {
        return HttpResponse.ok(new StreamedFile(page)).contentType(MediaType.TEXT_HTML_TYPE);
    }

    private static URL require(ResourceResolver resources, String path) {
        return resources.getResource(path)
                .orElseThrow(() -> new IllegalStateException(path + " is missing: was the micronaut-openapi annotation processor run?"));
    }
}
