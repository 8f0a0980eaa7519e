package org.downtimebacklog.web;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.types.files.StreamedFile;

import java.net.URL;

/**
 * Deep links into the web app (/items/42, /outages/3): a page request (GET or HEAD accepting text/html) for a path
 * that is neither the API nor a file of the app is answered with the app's index.html, whose router takes it from
 * there. The API keeps its problem+json 404, and a missing file under /assets/ stays a 404 (it is never a page).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SinglePageAppFilter {

    private final URL index;

    SinglePageAppFilter(ResourceResolver resources) {
        this.index = resources.getResource("classpath:public/index.html").orElse(null);
    }

    @ResponseFilter
    HttpResponse<?> deepLink(HttpRequest<?> request, HttpResponse<?> response) {
        if (index == null || response.getStatus() != HttpStatus.NOT_FOUND || !isPageRequest(request)) {
            return response;
        }
        return HttpResponse.ok(new StreamedFile(index)).contentType(MediaType.TEXT_HTML_TYPE);
    }

    private static boolean isPageRequest(HttpRequest<?> request) {
        String path = request.getPath();
        return (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD)
                && !SecurityHeadersFilter.isApi(path) && !path.startsWith("/assets/")
                && request.accept().stream().anyMatch(type -> type.getName().equals(MediaType.TEXT_HTML));
    }
}
