package org.downtimebacklog.patient;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A temporary identity issued for a patient not yet identified, and (once merged) who it turned out to be. */
@MappedEntity("temporary_patient")
record TemporaryPatient(
        @Id @GeneratedValue Long id,
        String temporaryId,
        String site,
        int number,
        @Nullable String description,
        Instant createdAt,
        String createdBy,
        @Nullable Instant mergedAt,
        @Nullable String mergedBy,
        @Nullable String mergedNhsNumber,
        @Nullable String mergedLocalId,
        @Nullable String mergeReason) {

    boolean merged() {
        return mergedAt != null;
    }

    TemporaryPatient mergedInto(String nhsNumber, String localId, String by, @Nullable String reason, Instant now) {
        return new TemporaryPatient(id, temporaryId, site, number, description, createdAt, createdBy, now, by,
                nhsNumber, localId, reason);
    }
}
