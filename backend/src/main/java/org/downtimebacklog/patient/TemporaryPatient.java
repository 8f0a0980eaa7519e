package org.downtimebacklog.patient;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A temporary identity issued for a patient not yet identified, the kind of outage it serves once an item is logged
 * under it ({@code drill}), and (once merged) who it turned out to be and which items the merge moved.
 */
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
        @Nullable String mergeReason,
        @Nullable String mergedItems,
        @Nullable String backEnteredItems,
        @Nullable Boolean drill) {

    static TemporaryPatient issued(String temporaryId, String site, int number, @Nullable String description,
                                   Instant now, String by) {
        return new TemporaryPatient(null, temporaryId, site, number, description, now, by,
                null, null, null, null, null, null, null, null);
    }

    boolean merged() {
        return mergedAt != null;
    }

    /** Whether it was merged into exactly this NHS number or local id. */
    boolean mergedInto(@Nullable String nhsNumber, @Nullable String localId) {
        return merged() && java.util.Objects.equals(mergedNhsNumber, nhsNumber)
                && java.util.Objects.equals(mergedLocalId, localId);
    }

    TemporaryPatient mergedInto(String nhsNumber, String localId, String by, @Nullable String reason,
                                List<Long> items, List<Long> backEntered, Instant now) {
        return new TemporaryPatient(id, temporaryId, site, number, description, createdAt, createdBy, now, by,
                nhsNumber, localId, reason, idsText(items), idsText(backEntered), drill);
    }

    /** The ids of the items the merge moved, lowest first; empty before the merge. */
    List<Long> mergedItemIds() {
        return ids(mergedItems);
    }

    /** The ids of those of them already entered in their system under the temporary id, lowest first. */
    List<Long> backEnteredItemIds() {
        return ids(backEnteredItems);
    }

    private static String idsText(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Long> ids(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).map(Long::valueOf).sorted().toList();
    }
}
