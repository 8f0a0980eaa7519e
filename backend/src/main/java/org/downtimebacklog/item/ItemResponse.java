package org.downtimebacklog.item;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;

import java.time.Instant;
import java.util.List;

/**
 * An item with every field, patient details included (reading one is audited). {@code possibleDuplicates} lists the
 * items flagged as possibly recording the same care, until a team lead confirms or dismisses each; {@code drill}:
 * the item belongs to a drill outage (test patients, left out of real statistics).
 */
@Introspected
public record ItemResponse(
        long id,
        String reference,
        @JsonUnwrapped CapturedFields captured,
        ItemStatus status,
        Instant loggedAt,
        String loggedBy,
        Instant updatedAt,
        long version,
        PriorityResponse priority,
        boolean needsVerification,
        boolean closed,
        @Nullable String assignedTo,
        @Nullable Instant assignedAt,
        @Nullable String externalReference,
        @Nullable String enteredBy,
        @Nullable Instant enteredAt,
        @Nullable String verifiedBy,
        @Nullable Instant verifiedAt,
        @Nullable String statusReason,
        @Nullable Long duplicateOf,
        @Nullable Instant closedAt,
        List<Long> possibleDuplicates,
        boolean drill) {

    static ItemResponse of(Item i, boolean needsVerification, List<Long> possibleDuplicates, boolean drill) {
        ItemState s = i.state();
        return new ItemResponse(i.id(), i.reference(), i.captured(), s.status(), i.loggedAt(), i.loggedBy(),
                i.updatedAt(), i.version(), PriorityResponse.of(i.priority()), needsVerification,
                ItemLifecycle.isClosed(s.status(), needsVerification), s.assignedTo(), s.assignedAt(),
                s.externalReference(), s.enteredBy(), s.enteredAt(), s.verifiedBy(), s.verifiedAt(), s.statusReason(),
                s.duplicateOf(), s.closedAt(), possibleDuplicates, drill);
    }
}
