package org.downtimebacklog.item;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** Two items flagged as possibly recording the same care. */
@Introspected
public record DuplicatePairResponse(long id, Instant detectedAt, ItemSummaryResponse first, ItemSummaryResponse second) {
}
