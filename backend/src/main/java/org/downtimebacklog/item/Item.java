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
        long version) {

    String reference() {
        return reference(id);
    }

    static String reference(long id) {
        return String.format("ITM-%06d", id);
    }

    String etag() {
        return "\"" + version + "\"";
    }
}
