package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;

import java.time.Instant;

/**
 * An item in a list. The patient is shown only masked ("NHS *** *** 5919"); opening the item shows the details
 * and is audited. {@code breached}: past its due time ({@code dueAt}) and not yet entered.
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
        @Nullable Instant dueAt,
        boolean breached,
        @Nullable String assignedTo) {

    static ItemSummaryResponse of(Item i, Urgency urgency) {
        CapturedFields c = i.captured();
        return new ItemSummaryResponse(i.id(), i.reference(), i.outageId(), c.site(), c.ward(), c.category(),
                c.targetSystem(), c.patient().masked(), c.occurredAt(), c.paperReference(), c.summary(),
                c.highRisk(), c.patientStatus(), i.status(), i.loggedAt(), i.version(), urgency.priority(i),
                i.priority().dueAt(), urgency.breached(i), i.state().assignedTo());
    }

    /** The same for an item read in full (an answer per item of a bulk action). */
    public static ItemSummaryResponse of(ItemResponse i) {
        CapturedFields c = i.captured();
        return new ItemSummaryResponse(i.id(), i.reference(), c.outageId(), c.site(), c.ward(), c.category(),
                c.targetSystem(), c.patient().masked(), c.occurredAt(), c.paperReference(), c.summary(), c.highRisk(),
                c.patientStatus(), i.status(), i.loggedAt(), i.version(), i.priority(), i.dueAt(), i.breached(),
                i.assignedTo());
    }
}
