package org.downtimebacklog.web;

import io.micronaut.http.HttpStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Too many attempts; try again after the given delay. */
public class ThrottledException extends ProblemException {

    private final Duration retryAfter;

    public ThrottledException(String detail, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail, List.of(),
                Map.of("retryAfterSeconds", Math.max(1, retryAfter.toSeconds())));
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
