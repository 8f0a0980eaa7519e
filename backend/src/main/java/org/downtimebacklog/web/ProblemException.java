package org.downtimebacklog.web;

import io.micronaut.http.HttpStatus;

import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on, rendered as RFC 9457 problem+json by {@link ProblemExceptionHandler}.
 * The detail is written for the user of the API, never a developer's message.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<Violation> violations;
    private final Map<String, Object> extra;

    public ProblemException(HttpStatus status, String title, String detail, List<Violation> violations,
                            Map<String, Object> extra) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
        this.extra = Map.copyOf(extra);
    }

    public ProblemException(HttpStatus status, String title, String detail) {
        this(status, title, detail, List.of(), Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<Violation> violations() {
        return violations;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
