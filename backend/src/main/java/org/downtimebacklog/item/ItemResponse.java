package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An item with every field, patient details included (reading one is audited). {@code possibleDuplicates} lists the
 * items flagged as possibly recording the same care, until a team lead confirms or dismisses each.
 */
@Introspected
public record ItemResponse(
        long id,
        String reference,
        long outageId,
        String site,
        String ward,
        Category category,
        String targetSystem,
        Patient patient,
        Instant occurredAt,
        String recordedBy,
        @Nullable String paperReference,
        String summary,
        @Nullable String details,
        boolean highRisk,
        PatientStatus patientStatus,
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
        List<Long> possibleDuplicates) {

    @Introspected
    public record Patient(@Nullable String nhsNumber, @Nullable String localId, @Nullable String name,
                          @Nullable LocalDate dateOfBirth) {
    }

    static ItemResponse of(Item i, boolean needsVerification, List<Long> possibleDuplicates) {
        return new ItemResponse(i.id(), i.reference(), i.outageId(), i.site(), i.ward(), i.category(), i.targetSystem(),
                new Patient(i.nhsNumber(), i.localId(), i.patientName(), i.dateOfBirth()),
                i.occurredAt(), i.recordedBy(), i.paperReference(), i.summary(), i.details(), i.highRisk(),
                i.patientStatus(), i.status(), i.loggedAt(), i.loggedBy(), i.updatedAt(), i.version(),
                PriorityResponse.of(i), needsVerification, ItemLifecycle.isClosed(i.status(), needsVerification),
                i.assignedTo(), i.assignedAt(), i.externalReference(), i.enteredBy(), i.enteredAt(), i.verifiedBy(),
                i.verifiedAt(), i.statusReason(), i.duplicateOf(), i.closedAt(), possibleDuplicates);
    }
}
