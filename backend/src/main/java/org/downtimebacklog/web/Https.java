package org.downtimebacklog.web;

import io.micronaut.http.HttpRequest;

/** Whether a request reached us over HTTPS: directly, or through a proxy that says so in X-Forwarded-Proto. */
public final class Https {

    private Https() {
    }

    public static boolean used(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        String forwarded = request.getHeaders().get("X-Forwarded-Proto");
        return forwarded != null && forwarded.split(",")[0].strip().equalsIgnoreCase("https");
    }
}
