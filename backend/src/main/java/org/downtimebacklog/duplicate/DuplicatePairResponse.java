package org.downtimebacklog.duplicate;

import org.downtimebacklog.item.ItemSummaryResponse;
import org.downtimebacklog.item.Category;
import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/** Two items flagged as possibly recording the same care. */
@Introspected
public record DuplicatePairResponse(long id, Instant detectedAt, ItemSummaryResponse first, ItemSummaryResponse second) {
}
