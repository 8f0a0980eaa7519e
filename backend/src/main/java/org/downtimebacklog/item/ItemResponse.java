package org.downtimebacklog.item;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;

import java.time.Instant;
import java.util.List;

/**
 * An item with every field, patient details included (reading one is audited). {@code possibleDuplicates} lists the
 * items flagged as possibly recording the same care, until a team lead confirms or dismisses each. {@code warnings}
 * (answered when it is logged or corrected) says what was accepted but is worth a second look; {@code
 * retrospectiveNote} (answered when one item is viewed) is the text that labels its late entry in the clinical system.
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
        List<CaptureWarning> warnings,
        @Nullable RetrospectiveNote retrospectiveNote) {

    static ItemResponse of(Item i, boolean needsVerification, List<Long> possibleDuplicates) {
        ItemState s = i.state();
        return new ItemResponse(i.id(), i.reference(), i.captured(), s.status(), i.loggedAt(), i.loggedBy(),
                i.updatedAt(), i.version(), PriorityResponse.of(i.priority()), needsVerification,
                ItemLifecycle.isClosed(s.status(), needsVerification), s.assignedTo(), s.assignedAt(),
                s.externalReference(), s.enteredBy(), s.enteredAt(), s.verifiedBy(), s.verifiedAt(), s.statusReason(),
                s.duplicateOf(), s.closedAt(), possibleDuplicates, List.of(), null);
    }

    /** This answer with the warnings found while logging or correcting the item. */
    ItemResponse withWarnings(List<CaptureWarning> found) {
        return new ItemResponse(id, reference, captured, status, loggedAt, loggedBy, updatedAt, version, priority,
                needsVerification, closed, assignedTo, assignedAt, externalReference, enteredBy, enteredAt, verifiedBy,
                verifiedAt, statusReason, duplicateOf, closedAt, possibleDuplicates, List.copyOf(found),
                retrospectiveNote);
    }

    /** This answer with the note that labels the item's late entry in the clinical system. */
    ItemResponse withNote(RetrospectiveNote note) {
        return new ItemResponse(id, reference, captured, status, loggedAt, loggedBy, updatedAt, version, priority,
                needsVerification, closed, assignedTo, assignedAt, externalReference, enteredBy, enteredAt, verifiedBy,
                verifiedAt, statusReason, duplicateOf, closedAt, possibleDuplicates, warnings, note);
    }
}
