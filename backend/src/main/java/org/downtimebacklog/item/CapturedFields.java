package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.Relation;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.web.Text;

import java.time.Instant;

/**
 * What was captured from the paper: the part of an item that a correction may change. Stored in the item's own
 * columns (an embedded value of {@link Item}).
 */
@Embeddable
record CapturedFields(
        @MappedProperty("site") String site,
        @MappedProperty("ward") String ward,
        @MappedProperty("category") Category category,
        @MappedProperty("target_system") String targetSystem,
        @Relation(Relation.Kind.EMBEDDED) Patient patient,
        @MappedProperty("occurred_at") Instant occurredAt,
        @MappedProperty("recorded_by") String recordedBy,
        @MappedProperty("recorded_by_role") @Nullable CareRole recordedByRole,
        @MappedProperty("paper_reference") @Nullable String paperReference,
        @MappedProperty("summary") String summary,
        @MappedProperty("details") @Nullable String details,
        @MappedProperty("high_risk") boolean highRisk,
        @MappedProperty("patient_status") PatientStatus patientStatus) {

    /** The fields of a new item, texts stripped and blanks made null. */
    static CapturedFields of(ItemCreateRequest r, Patient patient) {
        return new CapturedFields(r.site(), r.ward().strip(), r.category(), r.targetSystem(), patient, r.occurredAt(),
                r.recordedBy().strip(), r.recordedByRole(), Text.blankToNull(r.paperReference()), r.summary().strip(),
                Text.blankToNull(r.details()), r.highRisk(), r.patientStatus());
    }

    /** These fields with a correction applied: what it leaves out stays; an empty text clears an optional one. */
    CapturedFields corrected(ItemUpdateRequest r, Patient correctedPatient) {
        return new CapturedFields(
                r.site() == null ? site : r.site(),
                r.ward() == null ? ward : r.ward().strip(),
                r.category() == null ? category : r.category(),
                r.targetSystem() == null ? targetSystem : r.targetSystem(),
                correctedPatient,
                r.occurredAt() == null ? occurredAt : r.occurredAt(),
                r.recordedBy() == null ? recordedBy : r.recordedBy().strip(),
                r.recordedByRole() == null ? recordedByRole : r.recordedByRole(),
                r.paperReference() == null ? paperReference : Text.blankToNull(r.paperReference()),
                r.summary() == null ? summary : r.summary().strip(),
                r.details() == null ? details : Text.blankToNull(r.details()),
                r.highRisk() == null ? highRisk : r.highRisk(),
                r.patientStatus() == null ? patientStatus : r.patientStatus());
    }

    /** Every field, as the audit trail records a new item. */
    Changes created() {
        return changesFrom(null);
    }

    /** The fields that differ from {@code before} (null: every field, as set for the first time), old to new. */
    Changes changesFrom(@Nullable CapturedFields before) {
        CapturedFields b = before == null ? EMPTY : before;
        Patient bp = b.patient() == null ? EMPTY_PATIENT : b.patient();
        return Changes.none()
                .field("site", b.site(), site).field("ward", b.ward(), ward)
                .field("category", b.category(), category).field("targetSystem", b.targetSystem(), targetSystem)
                .field("patient.nhsNumber", bp.nhsNumber(), patient.nhsNumber())
                .field("patient.localId", bp.localId(), patient.localId())
                .field("patient.name", bp.name(), patient.name())
                .field("patient.dateOfBirth", bp.dateOfBirth(), patient.dateOfBirth())
                .field("occurredAt", b.occurredAt(), occurredAt).field("recordedBy", b.recordedBy(), recordedBy)
                .field("recordedByRole", b.recordedByRole(), recordedByRole)
                .field("paperReference", b.paperReference(), paperReference)
                .field("summary", b.summary(), summary).field("details", b.details(), details)
                .field("highRisk", before == null ? null : b.highRisk(), highRisk)
                .field("patientStatus", b.patientStatus(), patientStatus);
    }

    private static final Patient EMPTY_PATIENT = new Patient(null, null, null, null);
    private static final CapturedFields EMPTY = new CapturedFields(null, null, null, null, EMPTY_PATIENT, null, null,
            null, null, null, null, false, null);
}
