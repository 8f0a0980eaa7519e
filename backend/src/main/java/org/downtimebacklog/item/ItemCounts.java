package org.downtimebacklog.item;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** What an item contributes to its outage's running counts (see the tracking feature). */
@Introspected
public record ItemCounts(long id, long outageId, String site, ItemStatus status, Instant loggedAt,
                         @Nullable Instant closedAt, int band, String targetSystem, String ward) {

    /** The same item in another status. */
    ItemCounts withStatus(ItemStatus next) {
        return new ItemCounts(id, outageId, site, next, loggedAt, closedAt, band, targetSystem, ward);
    }
}
