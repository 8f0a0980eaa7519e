package org.downtimebacklog.tracking;

import io.micronaut.core.annotation.Introspected;

import java.time.Instant;
import java.util.List;

/**
 * How an outage's items kept their due times, per band P1 to P4 (every band listed): of the items that entered the
 * queue ({@code due}), those entered or closed without entry by their due time ({@code met}), those that were or are
 * past it ({@code breached}: entered or closed late, or still waiting past it) and, of those, the ones still waiting
 * ({@code breachedOpen}). The rest are still waiting and not yet due.
 */
@Introspected
public record DuePerformance(long outageId, Instant at, List<Band> bands) {

    @Introspected
    public record Band(String band, long due, long met, long breached, long breachedOpen) {
    }
}
