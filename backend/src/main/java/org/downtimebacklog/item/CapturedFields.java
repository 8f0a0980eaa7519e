package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.Relation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.web.Codes;
import org.downtimebacklog.web.FreeText;
import org.downtimebacklog.web.Text;

import java.time.Instant;

/**
 * What was captured from the paper, listed once: the body of a request to log an item, the part of it a correction
 * may change, and the item's own columns (an embedded value of {@link Item}), with each field's rules beside it.
 */
@Embeddable
public record CapturedFields(
        @MappedProperty("outage_id") @NotNull Long outageId,
        @MappedProperty("site") @NotBlank @Pattern(regexp = Codes.SITE, message = Codes.SITE_MESSAGE) String site,
        @MappedProperty("ward") @NotBlank @Size(max = 64) String ward,
        @MappedProperty("category") @NotNull Category category,
        @MappedProperty("target_system") @NotBlank @Pattern(regexp = Codes.SYSTEM, message = Codes.SYSTEM_MESSAGE)
        String targetSystem,
        @Relation(Relation.Kind.EMBEDDED) @NotNull @Valid Patient patient,
        @MappedProperty("occurred_at") @NotNull Instant occurredAt,
        @MappedProperty("recorded_by") @NotBlank @Size(max = 120) String recordedBy,
        @MappedProperty("recorded_by_role") @Nullable CareRole recordedByRole,
        @MappedProperty("witnessed_by") @Nullable @Size(max = 120) String witnessedBy,
        @MappedProperty("paper_reference") @Nullable @Size(max = 64) String paperReference,
        @MappedProperty("sheet_id") @Nullable @Size(max = 64) String sheetId,
        @MappedProperty("summary") @NotBlank @Size(max = 500) @FreeText String summary,
        @MappedProperty("details") @Nullable @Size(max = 4000) @FreeText String details,
        @MappedProperty("high_risk") @NotNull Boolean highRisk,
        @MappedProperty("patient_status") @NotNull PatientStatus patientStatus) {

    /** These fields as stored: texts stripped, optional blanks as null, the patient normalised. */
    CapturedFields normalised() {
        return new CapturedFields(outageId, site, ward.strip(), category, targetSystem, patient.normalised("patient"),
                occurredAt, recordedBy.strip(), recordedByRole, Text.blankToNull(witnessedBy),
                Text.blankToNull(paperReference), sheetIdAsTyped(sheetId), summary.strip(),
                Text.blankToNull(details), highRisk, patientStatus);
    }

    /** Every field, as the audit trail records a new item. */
    Changes created() {
        return changesFrom(null);
    }

    /** The fields that differ from {@code before} (null: every field, as set for the first time), old to new. */
    Changes changesFrom(@Nullable CapturedFields before) {
        CapturedFields b = before == null ? EMPTY : before;
        Patient bp = b.patient();
        return Changes.none()
                .field("site", b.site(), site).field("ward", b.ward(), ward)
                .field("category", b.category(), category).field("targetSystem", b.targetSystem(), targetSystem)
                .patientField("patient.nhsNumber", bp.nhsNumber(), patient.nhsNumber())
                .patientField("patient.localId", bp.localId(), patient.localId())
                .patientField("patient.name", bp.name(), patient.name())
                .patientField("patient.dateOfBirth", bp.dateOfBirth(), patient.dateOfBirth())
                .field("occurredAt", b.occurredAt(), occurredAt).field("recordedBy", b.recordedBy(), recordedBy)
                .field("recordedByRole", b.recordedByRole(), recordedByRole)
                .field("witnessedBy", b.witnessedBy(), witnessedBy)
                .field("paperReference", b.paperReference(), paperReference)
                .field("sheetId", b.sheetId(), sheetId)
                .patientField("summary", b.summary(), summary).patientField("details", b.details(), details)
                .field("highRisk", b.highRisk(), highRisk)
                .field("patientStatus", b.patientStatus(), patientStatus);
    }

    private static final CapturedFields EMPTY = new CapturedFields(null, null, null, null, null,
            new Patient(null, null, null, null), null, null, null, null, null, null, null, null, null, null);

    /** A sheet id as a person may type it: blanks dropped, letters in capitals (the form is checked by the sheet's owner). */
    private static @Nullable String sheetIdAsTyped(@Nullable String typed) {
        String id = Text.blankToNull(typed);
        return id == null ? null : id.toUpperCase(java.util.Locale.ROOT);
    }
}
