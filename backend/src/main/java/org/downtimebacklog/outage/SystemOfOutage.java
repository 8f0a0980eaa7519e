package org.downtimebacklog.outage;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** One system of an outage, read together with what logging needs of the outage itself ({@code sites} as stored). */
@Introspected
record SystemOfOutage(long outageId, String sites, Instant startedAt, @Nullable Instant closedAt, boolean drill,
                      String systemCode, @Nullable Instant recoveredAt) {
}
