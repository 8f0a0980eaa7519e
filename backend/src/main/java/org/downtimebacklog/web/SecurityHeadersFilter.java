package org.downtimebacklog.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers on every response. API responses can carry patient data: no browser or proxy may keep them, none may guess
 * their type, and they load nothing. The web app (everything outside /api/) may load only its own files, and may not
 * be framed; its content-hashed files under /assets/ are cached for good, everything else is revalidated. Outermost,
 * so it also marks the answers that other filters make.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SecurityHeadersFilter implements Ordered {

    private static final String APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** Swagger UI: its own scripts (no inline script) and the inline styles it sets on elements. */
    private static final String DOCS_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final MediaType MANIFEST = MediaType.of("application/manifest+json");
    private static final MediaType JAVASCRIPT = MediaType.of("text/javascript");

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @ResponseFilter
    void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        MutableHttpHeaders headers = response.getHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        if (isApi(path)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            headers.set("Content-Security-Policy", isDocs(path) ? DOCS_POLICY : API_POLICY);
        } else {
            headers.set("Content-Security-Policy", APP_POLICY);
            headers.set("X-Frame-Options", "DENY");
            // the camera only for the app's own pages: reading a paper sheet's QR code at capture
            headers.set("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
            boolean found = response.code() < 400;
            headers.set(HttpHeaders.CACHE_CONTROL, found && path.startsWith("/assets/") ? IMMUTABLE : "no-cache");
            if (found && path.endsWith(".webmanifest")) {
                response.contentType(MANIFEST);
            } else if (found && path.endsWith(".js")) {
                response.contentType(JAVASCRIPT);
            }
        }
        if (Https.used(request)) {
            headers.set("Strict-Transport-Security", "max-age=31536000");
        }
    }

    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    private static boolean isDocs(String path) {
        return path.equals("/api/docs") || path.startsWith("/api/docs/");
    }
}
