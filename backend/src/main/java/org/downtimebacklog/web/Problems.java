package org.downtimebacklog.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds RFC 9457 problem+json responses. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static MutableHttpResponse<Map<String, Object>> response(HttpStatus status, String title, String detail,
                                                                    List<Violation> violations,
                                                                    Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.getCode());
        if (detail != null) {
            body.put("detail", detail);
        }
        if (!violations.isEmpty()) {
            body.put("violations", violations);
        }
        body.putAll(extra);
        return HttpResponse.<Map<String, Object>>status(status).contentType(MEDIA_TYPE).body(body);
    }

    public static MutableHttpResponse<Map<String, Object>> of(ProblemException e) {
        return response(e.status(), e.title(), e.detail(), e.violations(), e.extra());
    }

    public static MutableHttpResponse<Map<String, Object>> badRequest(List<Violation> violations) {
        return of(new InvalidInputException(HttpStatus.BAD_REQUEST, violations));
    }
}
