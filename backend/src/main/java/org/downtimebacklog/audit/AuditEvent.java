package org.downtimebacklog.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * An audit event as stored. {@code changes} holds the changed fields, old to new, except the values of patient details:
 * those are held apart in {@code patientChanges} (with a random nonce, so that {@code patientDigest}, their SHA-256,
 * cannot be reversed by trying every NHS number), and {@code changes} names each of them with {@link #HELD} for its
 * values. Retention nulls {@code patientChanges} and keeps the digest, which the hash chain covers.
 */
@MappedEntity("audit_event")
record AuditEvent(
        @Id @GeneratedValue Long id,
        Instant occurredAt,
        @Nullable Long actorId,
        String actorUsername,
        String action,
        String entityType,
        Long entityId,
        @Nullable Long itemId,
        @Nullable String changes,
        @Nullable String reason,
        @Nullable String patientChanges,
        @Nullable String patientDigest) {

    /** What {@code changes} holds in place of a patient detail's value. */
    static final String HELD = "(held apart)";
}
