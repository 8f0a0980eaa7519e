package org.downtimebacklog.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.types.files.StreamedFile;

import java.net.URL;
import java.util.List;
import java.util.Map;

/**
 * Deep links into the web app (/items/42, /outages/3): a page request (GET or HEAD accepting text/html) for a path
 * that is neither the API nor a file of the app is answered with the app's index.html, whose router takes it from
 * there. The API keeps its problem+json 404, and a missing file under /assets/ stays a 404 (it is never a page).
 * Writing to a page (POST, PUT, PATCH, DELETE) is 405.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SinglePageAppFilter {

    private final URL index;

    SinglePageAppFilter(ResourceResolver resources) {
        this.index = resources.getResource("classpath:public/index.html").orElse(null);
    }

    /** The app's pages and files are read, never written to: anything but GET and HEAD outside the API is 405. */
    @RequestFilter
    @Nullable
    HttpResponse<?> readOnly(HttpRequest<?> request) {
        if (SecurityHeadersFilter.isApi(request.getPath()) || request.getMethod() == HttpMethod.GET
                || request.getMethod() == HttpMethod.HEAD || request.getMethod() == HttpMethod.OPTIONS) {
            return null;
        }
        return Problems.response(HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.METHOD_NOT_ALLOWED.getReason(),
                request.getMethodName() + " is not allowed here.", List.of(), Map.of())
                .header(HttpHeaders.ALLOW, "GET, HEAD");
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
