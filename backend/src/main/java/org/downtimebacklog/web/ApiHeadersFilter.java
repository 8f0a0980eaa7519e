package org.downtimebacklog.web;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * API responses can carry patient data: no browser or proxy may keep them, and none may guess their type.
 */
@ServerFilter("/api/**")
class ApiHeadersFilter {

    @ResponseFilter
    void secure(MutableHttpResponse<?> response) {
        response.getHeaders().set("Cache-Control", "no-store");
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        response.getHeaders().set("Referrer-Policy", "no-referrer");
    }
}
