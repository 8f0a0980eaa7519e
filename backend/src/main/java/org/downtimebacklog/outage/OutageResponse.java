package org.downtimebacklog.outage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

@Introspected
public record OutageResponse(
        long id,
        String reference,
        String title,
        String status,
        Set<String> sites,
        List<SystemState> systems,
        Instant startedAt,
        @Nullable Instant closedAt,
        @Nullable String notes,
        Instant createdAt,
        String createdBy) {

    /** A system's state within the outage: DOWN until its recovery is recorded. */
    @Introspected
    public record SystemState(String system, String state, @Nullable Instant recoveredAt, @Nullable String recoveredBy) {
    }

    /** An outage's reference, as people quote it: OUT- and its number. */
    public static String reference(long id) {
        return String.format("OUT-%04d", id);
    }

    static OutageResponse of(Outage outage, List<OutageSystem> systems) {
        return new OutageResponse(outage.id(), outage.reference(), outage.title(),
                outage.closedAt() == null ? "OPEN" : "CLOSED",
                new TreeSet<>(outage.sites()),
                systems.stream().map(s -> new SystemState(s.systemCode(), s.recoveredAt() == null ? "DOWN" : "RECOVERED",
                        s.recoveredAt(), s.recoveredBy())).toList(),
                outage.startedAt(), outage.closedAt(), outage.notes(), outage.createdAt(), outage.createdBy());
    }
}
