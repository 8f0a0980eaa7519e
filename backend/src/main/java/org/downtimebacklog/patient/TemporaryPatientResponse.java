package org.downtimebacklog.patient;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A temporary identity: ACTIVE while items may be logged under it, MERGED once a lead merged it ({@code mergedInto}
 * masked, as lists show patients); {@code items}: how many items at its site are logged under it now.
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
        long items) {
}
