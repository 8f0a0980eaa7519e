package org.downtimebacklog.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

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
        @Nullable String reason) {
}
