package org.downtimebacklog.tracking;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The state of an outage's backlog: counts by status (all items) and, for open items, by band, target system and
 * ward; the items past their due time and not yet entered (BREACHED), in all and by band; the oldest open item; back-entry throughput (items entered per hour over the last 1, 4 and 24 hours); the
 * hours left to clear the open items at the 4-hour rate; and open items at the end of each hour since the outage began.
 */
@Introspected
public record OutageSummaryResponse(
        long outageId,
        Instant at,
        long total,
        long open,
        Map<String, Long> byStatus,
        Map<String, Long> openByBand,
        Map<String, Long> openByTargetSystem,
        Map<String, Long> openByWard,
        long breached,
        Map<String, Long> breachedByBand,
        @Nullable Oldest oldestOpen,
        Throughput enteredPerHour,
        @Nullable Double hoursToClear,
        List<BurnDownPoint> burnDown) {

    @Introspected
    public record Oldest(long itemId, Instant occurredAt, double ageHours) {
    }

    @Introspected
    public record Throughput(double last1h, double last4h, double last24h) {
    }

    @Introspected
    public record BurnDownPoint(Instant hour, long open) {
    }
}
