package org.downtimebacklog.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;

import java.time.Instant;
import java.util.List;

@Controller("/api/audit")
@Secured({Role.AUDITOR_NAME, Role.ADMIN_NAME})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @Get("/verify")
    @Operation(summary = "Check the audit trail's hash chain", description = "Recomputes every seal from the events as "
            + "stored now. intact is false, with the first broken seal and the reason, when an event was changed or "
            + "removed after it was sealed, or a seal was removed. Events are sealed within seconds of being written; "
            + "unsealed counts those not sealed yet. The check is itself recorded in the audit trail.")
    ChainVerification verify(Caller caller) {
        return audit.verifyChain(caller);
    }

    @Get
    @Operation(summary = "Search the audit trail", description = "Filtered by user, item and time (from inclusive, to exclusive); "
            + "oldest first; page on with afterId = the last id you received. Events about items cover the items at "
            + "your sites only. The search is itself recorded in the audit trail.")
    List<AuditEventResponse> search(Caller caller,
                                    @Nullable @QueryValue String user,
                                    @Nullable @QueryValue Long itemId,
                                    @Nullable @QueryValue Instant from,
                                    @Nullable @QueryValue Instant to,
                                    @Nullable @QueryValue Long afterId,
                                    @QueryValue(defaultValue = "100") @Min(1) @Max(AuditService.MAX_PAGE) int limit) {
        return audit.search(caller, user, itemId, from, to, afterId, limit);
    }
}
