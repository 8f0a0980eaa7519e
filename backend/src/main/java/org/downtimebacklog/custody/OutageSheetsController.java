package org.downtimebacklog.custody;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;

@Controller("/api/outages")
@Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME, Role.AUDITOR_NAME})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Form packs")
class OutageSheetsController {

    private final SheetReconciliationService reconciliation;

    OutageSheetsController(SheetReconciliationService reconciliation) {
        this.reconciliation = reconciliation;
    }

    @Get("/{outageId}/sheets")
    @Operation(summary = "The outage's sheets, counted back per ward",
            description = "The sheets of packs made for the outage and of packs printed ahead that items of the "
                    + "outage name, and, as ISSUED, the unused sheets printed ahead for its sites before it closed "
                    + "(in the wards' downtime boxes: they never hold accountedFor back). Totals and per-ward counts "
                    + "by status (issued: still ISSUED), COMPLETE sheets whose declared count differs from the items "
                    + "logged from them, and sheet ids items name that are not registered. accountedFor: no sheet of "
                    + "the outage is ISSUED or IN_USE, no mismatch, no unknown sheet. Only your sites' sheets and "
                    + "items; an outage you cannot see is 404. Team leads, administrators and auditors.")
    SheetReconciliation sheets(Caller caller, @PathVariable long outageId) {
        return reconciliation.forOutage(outageId, caller);
    }
}
