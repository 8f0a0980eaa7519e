package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;
import org.downtimebacklog.audit.Changes;

import java.time.Instant;

/**
 * An item's place in back-entry: its status and who did what to it, when. Each state is made by the named factory
 * for it; {@link ItemLifecycle} decides which may follow which.
 */
@Embeddable
record ItemState(
        @MappedProperty("status") ItemStatus status,
        @MappedProperty("assigned_to") @Nullable String assignedTo,
        @MappedProperty("assigned_at") @Nullable Instant assignedAt,
        @MappedProperty("external_reference") @Nullable String externalReference,
        @MappedProperty("entered_by") @Nullable String enteredBy,
        @MappedProperty("entered_at") @Nullable Instant enteredAt,
        @MappedProperty("verified_by") @Nullable String verifiedBy,
        @MappedProperty("verified_at") @Nullable Instant verifiedAt,
        @MappedProperty("status_reason") @Nullable String statusReason,
        @MappedProperty("duplicate_of") @Nullable Long duplicateOf,
        @MappedProperty("closed_at") @Nullable Instant closedAt) {

    /** A new item: waiting for its system (LOGGED) or ready at once (READY). */
    static ItemState initial(ItemStatus status) {
        return new ItemState(status, null, null, null, null, null, null, null, null, null, null);
    }

    /** Waiting for (LOGGED), or ready in (READY), the system its target was corrected to; the rest kept. */
    ItemState waitingIn(ItemStatus status) {
        return new ItemState(status, assignedTo, assignedAt, externalReference, enteredBy, enteredAt, verifiedBy,
                verifiedAt, statusReason, duplicateOf, closedAt);
    }

    /** Held by one person (claimed or assigned). */
    static ItemState assigned(String assignee, Instant now) {
        return new ItemState(ItemStatus.ASSIGNED, assignee, now, null, null, null, null, null, null, null, null);
    }

    /** Back in the queue, unassigned (release, lease expiry, end of a hold, recovery). */
    static ItemState released(@Nullable String reason) {
        return new ItemState(ItemStatus.READY, null, null, null, null, null, null, null, reason, null, null);
    }

    /** Entered into its system by its assignee; closed at once unless a second person must verify it. */
    ItemState entered(String externalReference, String by, Instant now, @Nullable String reason, boolean needsVerification) {
        return new ItemState(ItemStatus.ENTERED, assignedTo, assignedAt, externalReference, by, now, null, null, reason,
                null, needsVerification ? null : now);
    }

    /** Checked against the paper by a second person; closed. */
    ItemState verified(String by, Instant now, @Nullable String reason) {
        return new ItemState(ItemStatus.VERIFIED, assignedTo, assignedAt, externalReference, enteredBy, enteredAt, by,
                now, reason, null, now);
    }

    static ItemState onHold(String reason) {
        return new ItemState(ItemStatus.ON_HOLD, null, null, null, null, null, null, null, reason, null, null);
    }

    /** Closed as a repeat of {@code original}. */
    static ItemState duplicate(long original, @Nullable String reason, Instant now) {
        return new ItemState(ItemStatus.DUPLICATE, null, null, null, null, null, null, null, reason, original, now);
    }

    /** Closed without entry: the data came back by itself, or the paper is scanned instead. */
    static ItemState notRequired(String reason, Instant now) {
        return new ItemState(ItemStatus.NOT_REQUIRED, null, null, null, null, null, null, null, reason, null, now);
    }

    /** The workflow fields that differ from {@code before}, old to new, for the audit trail. */
    Changes changesFrom(ItemState before) {
        return Changes.none()
                .field("status", before.status(), status)
                .field("assignedTo", before.assignedTo(), assignedTo)
                .field("externalReference", before.externalReference(), externalReference)
                .field("enteredBy", before.enteredBy(), enteredBy)
                .field("verifiedBy", before.verifiedBy(), verifiedBy)
                .field("duplicateOf", before.duplicateOf(), duplicateOf);
    }
}
