package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/** One piece of paper-recorded activity that must reach a clinical system. */
@MappedEntity("item")
record Item(
        @Id @GeneratedValue Long id,
        Long outageId,
        String site,
        String ward,
        Category category,
        String targetSystem,
        @Nullable String nhsNumber,
        @Nullable String localId,
        @Nullable String patientName,
        @Nullable LocalDate dateOfBirth,
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
        int priorityScore,
        int priorityBand,
        String priorityReasons,
        @Nullable Integer bandOverride,
        @Nullable String overrideReason,
        @Nullable String assignedTo,
        @Nullable Instant assignedAt,
        @Nullable String externalReference,
        @Nullable String enteredBy,
        @Nullable Instant enteredAt,
        @Nullable String verifiedBy,
        @Nullable Instant verifiedAt,
        @Nullable String statusReason,
        @Nullable Long duplicateOf,
        @Nullable Instant closedAt) {

    String reference() {
        return reference(id);
    }

    static String reference(long id) {
        return String.format("ITM-%06d", id);
    }

    String etag() {
        return "\"" + version + "\"";
    }

    /** A new item, version 1, with no one working on it yet. */
    static Item logged(long outageId, CapturedFields c, ItemStatus status, Priority priority, String loggedBy,
                       Instant now) {
        return new Item(null, outageId, c.site(), c.ward(), c.category(), c.targetSystem(), c.nhsNumber(), c.localId(),
                c.patientName(), c.dateOfBirth(), c.occurredAt(), c.recordedBy(), c.paperReference(), c.summary(),
                c.details(), c.highRisk(), c.patientStatus(), status, now, loggedBy, now, 1, priority.score(),
                priority.band(), priority.reasons(), null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    CapturedFields captured() {
        return new CapturedFields(site, ward, category, targetSystem, nhsNumber, localId, patientName, dateOfBirth,
                occurredAt, recordedBy, paperReference, summary, details, highRisk, patientStatus);
    }

    /** Corrected captured fields and the priority they give, as the next version; workflow state is kept. */
    Item corrected(CapturedFields c, Priority priority, Instant now) {
        int band = bandOverride != null ? bandOverride : priority.band();
        return new Item(id, outageId, c.site(), c.ward(), c.category(), c.targetSystem(), c.nhsNumber(), c.localId(),
                c.patientName(), c.dateOfBirth(), c.occurredAt(), c.recordedBy(), c.paperReference(), c.summary(),
                c.details(), c.highRisk(), c.patientStatus(), status, loggedAt, loggedBy, now, version + 1,
                priority.score(), band, priority.reasons(), bandOverride, overrideReason, assignedTo, assignedAt,
                externalReference, enteredBy, enteredAt, verifiedBy, verifiedAt, statusReason, duplicateOf, closedAt);
    }

    /** The band set by a team lead (null clears the override and restores the computed band), as the next version. */
    Item withBandOverride(@Nullable Integer band, @Nullable String reason, int computedBand, Instant now) {
        return new Item(id, outageId, site, ward, category, targetSystem, nhsNumber, localId, patientName, dateOfBirth,
                occurredAt, recordedBy, paperReference, summary, details, highRisk, patientStatus, status, loggedAt,
                loggedBy, now, version + 1, priorityScore, band != null ? band : computedBand, priorityReasons, band,
                band == null ? null : reason, assignedTo, assignedAt, externalReference, enteredBy, enteredAt,
                verifiedBy, verifiedAt, statusReason, duplicateOf, closedAt);
    }

    /** Only the status changed (its target system is down or up); same version. */
    Item withStatus(ItemStatus newStatus) {
        return new Item(id, outageId, site, ward, category, targetSystem, nhsNumber, localId, patientName, dateOfBirth,
                occurredAt, recordedBy, paperReference, summary, details, highRisk, patientStatus, newStatus, loggedAt,
                loggedBy, updatedAt, version, priorityScore, priorityBand, priorityReasons, bandOverride, overrideReason,
                assignedTo, assignedAt, externalReference, enteredBy, enteredAt, verifiedBy, verifiedAt, statusReason,
                duplicateOf, closedAt);
    }

    /** The next version in a new workflow state. */
    Item withState(ItemState s, Instant now) {
        return new Item(id, outageId, site, ward, category, targetSystem, nhsNumber, localId, patientName, dateOfBirth,
                occurredAt, recordedBy, paperReference, summary, details, highRisk, patientStatus, s.status(), loggedAt,
                loggedBy, now, version + 1, priorityScore, priorityBand, priorityReasons, bandOverride, overrideReason,
                s.assignedTo(), s.assignedAt(), s.externalReference(), s.enteredBy(), s.enteredAt(), s.verifiedBy(),
                s.verifiedAt(), s.statusReason(), s.duplicateOf(), s.closedAt());
    }

    ItemState state() {
        return new ItemState(status, assignedTo, assignedAt, externalReference, enteredBy, enteredAt, verifiedBy,
                verifiedAt, statusReason, duplicateOf, closedAt);
    }
}
