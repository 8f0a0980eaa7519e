package org.downtimebacklog.item;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * An Idempotency-Key a user has sent, the hash of the request it came with, and the item that request created; for an
 * imported row's key, the import and row that created it.
 */
@Introspected
record IdempotencyRecord(long userId, String idemKey, String requestHash, @Nullable Long itemId, Instant createdAt,
                         @Nullable Long importId, @Nullable Integer importRow) {
}
