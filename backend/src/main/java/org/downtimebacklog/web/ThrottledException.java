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
                Map.of("retryAfterSeconds", seconds(retryAfter)));
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, so a client that waits this long is let in. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
