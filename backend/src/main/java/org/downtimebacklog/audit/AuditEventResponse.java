package org.downtimebacklog.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Introspected;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the audit trail: who did what to which record, when, which fields changed and why. The values of patient
 * details (an item's identifiers, name, date of birth, summary and details) are shown while they are kept; once
 * retention has removed them, {@code redacted} is true and each such value reads "(removed under retention)".
 */
@Introspected
public record AuditEventResponse(
        long id,
        Instant at,
        String actor,
        String action,
        String entityType,
        long entityId,
        @Nullable Long itemId,
        Map<String, Object> changes,
        @Nullable String reason,
        boolean redacted) {
}
