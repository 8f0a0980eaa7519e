package org.downtimebacklog.web;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one "not in the future" rule for times a person writes down (when care was given, when an outage began): a
 * time up to {@code backlog.clock-skew-seconds} ahead of this server's clock is accepted, for devices whose clocks run
 * a little fast.
 */
@Singleton
public class NotInFuture {

    private final Clock clock;
    private final Duration skew;

    NotInFuture(Clock clock, @Value("${backlog.clock-skew-seconds:120}") int skewSeconds) {
        this.clock = clock;
        this.skew = Duration.ofSeconds(skewSeconds);
    }

    /** Adds a violation naming {@code field} when {@code time} lies in the future. */
    public void check(String field, Instant time, List<Violation> violations) {
        if (time.isAfter(Instant.now(clock).plus(skew))) {
            violations.add(new Violation(field, "must not be in the future"));
        }
    }
}
