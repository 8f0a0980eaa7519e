package org.downtimebacklog.tracking;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** One person's work: items they hold now, and items they entered and verified since midnight. */
@Introspected
public record WorkloadResponse(String username, long assigned, long enteredToday, long verifiedToday, Instant since) {
}
