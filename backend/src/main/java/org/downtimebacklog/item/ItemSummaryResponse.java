package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/**
 * An item in a list. The patient is shown only masked ("NHS *** *** 5919"); opening the item shows the details
 * and is audited.
 */
@Introspected
public record ItemSummaryResponse(
        long id,
        String reference,
        long outageId,
        String site,
        String ward,
        Category category,
        String targetSystem,
        String patientMasked,
        Instant occurredAt,
        @Nullable String paperReference,
        String summary,
        boolean highRisk,
        PatientStatus patientStatus,
        ItemStatus status,
        Instant loggedAt,
        long version,
        PriorityResponse priority,
        @Nullable String assignedTo) {

    static ItemSummaryResponse of(Item i) {
        return new ItemSummaryResponse(i.id(), i.reference(), i.outageId(), i.site(), i.ward(), i.category(),
                i.targetSystem(), masked(i.nhsNumber(), i.localId()), i.occurredAt(), i.paperReference(), i.summary(),
                i.highRisk(), i.patientStatus(), i.status(), i.loggedAt(), i.version(), PriorityResponse.of(i),
                i.assignedTo());
    }

    static ItemSummaryResponse of(ItemResponse i) {
        return new ItemSummaryResponse(i.id(), i.reference(), i.outageId(), i.site(), i.ward(), i.category(),
                i.targetSystem(), masked(i.patient().nhsNumber(), i.patient().localId()), i.occurredAt(),
                i.paperReference(), i.summary(), i.highRisk(), i.patientStatus(), i.status(), i.loggedAt(), i.version(),
                i.priority(), i.assignedTo());
    }

    private static String masked(String nhsNumber, String localId) {
        return nhsNumber != null ? "NHS " + NhsNumber.masked(nhsNumber)
                : "Local ***" + localId.substring(Math.max(0, localId.length() - 3));
    }
}
