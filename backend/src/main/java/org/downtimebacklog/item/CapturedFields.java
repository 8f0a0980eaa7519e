package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;

/** What was captured from the paper: the part of an item that a correction may change. */
record CapturedFields(
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
        PatientStatus patientStatus) {
}
