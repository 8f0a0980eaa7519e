package org.downtimebacklog.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.downtimebacklog.account.CallerService;
import org.downtimebacklog.security.Role;

import java.time.Instant;
import java.util.List;

@Controller("/api/audit")
@Secured({Role.AUDITOR_NAME, Role.ADMIN_NAME})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
class AuditController {

    private final AuditService audit;
    private final CallerService callers;

    AuditController(AuditService audit, CallerService callers) {
        this.audit = audit;
        this.callers = callers;
    }

    @Get
    @Operation(summary = "Search the audit trail", description = "Filtered by user, item and time (from inclusive, to exclusive); "
            + "oldest first; page on with afterId = the last id you received.")
    List<AuditEventResponse> search(Authentication authentication,
                                    @Nullable @QueryValue String user,
                                    @Nullable @QueryValue Long itemId,
                                    @Nullable @QueryValue Instant from,
                                    @Nullable @QueryValue Instant to,
                                    @Nullable @QueryValue Long afterId,
                                    @QueryValue(defaultValue = "100") @Min(1) @Max(AuditService.MAX_PAGE) int limit) {
        callers.resolve(authentication);
        return audit.search(user, itemId, from, to, afterId, limit);
    }
}
