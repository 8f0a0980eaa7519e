package org.downtimebacklog.patient;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * A temporary identity: ACTIVE while items may be logged under it, MERGED once a lead merged it ({@code mergedInto}
 * masked, as lists show patients); {@code items}: how many items at its site are logged under it now. Once merged,
 * {@code mergedItems}: the ids of the items the merge moved, and {@code backEntered}: those of them already entered in
 * their system under the temporary id, whose record there must be corrected (both empty before the merge).
 */
@Serdeable
public record TemporaryPatientResponse(
        String temporaryId,
        String site,
        @Nullable String description,
        String status,
        Instant createdAt,
        String createdBy,
        @Nullable Instant mergedAt,
        @Nullable String mergedBy,
        @Nullable String mergedInto,
        long items,
        List<Long> mergedItems,
        List<Long> backEntered) {
}
