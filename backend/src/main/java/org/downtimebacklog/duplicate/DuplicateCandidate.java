package org.downtimebacklog.duplicate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** Two items that may record the same care; {@code itemId} is the lower id of the pair. */
@MappedEntity("duplicate_candidate")
record DuplicateCandidate(
        @Id @GeneratedValue Long id,
        Long itemId,
        Long otherItemId,
        Long outageId,
        Instant detectedAt,
        @Nullable Instant dismissedAt,
        @Nullable String dismissedBy,
        @Nullable String dismissReason) {
}
