package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** An item's place in back-entry: its status and who did what to it, when. */
record ItemState(
        ItemStatus status,
        @Nullable String assignedTo,
        @Nullable Instant assignedAt,
        @Nullable String externalReference,
        @Nullable String enteredBy,
        @Nullable Instant enteredAt,
        @Nullable String verifiedBy,
        @Nullable Instant verifiedAt,
        @Nullable String statusReason,
        @Nullable Long duplicateOf,
        @Nullable Instant closedAt) {

    static ItemState initial(ItemStatus status) {
        return new ItemState(status, null, null, null, null, null, null, null, null, null, null);
    }
}
