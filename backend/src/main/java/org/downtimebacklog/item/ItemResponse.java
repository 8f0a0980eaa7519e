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
        @Nullable CareRole recordedByRole,
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
        CapturedFields c = i.captured();
        org.downtimebacklog.item.Patient p = c.patient();
        ItemState s = i.state();
        return new ItemResponse(i.id(), i.reference(), i.outageId(), c.site(), c.ward(), c.category(), c.targetSystem(),
                new Patient(p.nhsNumber(), p.localId(), p.name(), p.dateOfBirth()),
                c.occurredAt(), c.recordedBy(), c.recordedByRole(), c.paperReference(), c.summary(), c.details(), c.highRisk(),
                c.patientStatus(), s.status(), i.loggedAt(), i.loggedBy(), i.updatedAt(), i.version(),
                PriorityResponse.of(i.priority()), needsVerification, ItemLifecycle.isClosed(s.status(), needsVerification),
                s.assignedTo(), s.assignedAt(), s.externalReference(), s.enteredBy(), s.enteredAt(), s.verifiedBy(),
                s.verifiedAt(), s.statusReason(), s.duplicateOf(), s.closedAt(), possibleDuplicates);
    }
}
