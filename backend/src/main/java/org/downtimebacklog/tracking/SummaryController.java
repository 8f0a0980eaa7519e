package org.downtimebacklog.tracking;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;

import java.util.List;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Tracking")
class SummaryController {

    private final SummaryService summaries;

    SummaryController(SummaryService summaries) {
        this.summaries = summaries;
    }

    @Get("/outages/{id}/summary")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "The state of an outage's backlog",
            description = "Counts by status and, for open items, by band, target system and ward; the oldest open "
                    + "item; items past their due time and not yet entered (breached), in all and by band; items "
                    + "entered per hour over the last 1, 4 and 24 hours; hours to clear at the 4-hour rate "
                    + "(null when nothing was entered); open items at the end of each hour since the outage began. "
                    + "Covers the items at your sites.")
    OutageSummaryResponse summary(Caller caller, @PathVariable long id) {
        return summaries.summary(id, caller);
    }

    @Get("/outages/{id}/due-performance")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "How an outage's items kept their due times, per band",
            description = "For each band P1 to P4: items that entered the queue (due), entered or closed without "
                    + "entry by their due time (met), entered or closed after it or still waiting past it (breached), "
                    + "and of those the ones still waiting (breachedOpen). Covers the items at your sites.")
    DuePerformance duePerformance(Caller caller, @PathVariable long id) {
        return summaries.duePerformance(id, caller);
    }

    @Post("/outages/{id}/summary/recount")
    @Secured(Role.ADMIN_NAME)
    @Operation(summary = "Recount an outage's running counts from its items",
            description = "For items written outside the application (a data load). Run it while nothing else changes "
                    + "the outage's items. Answers with the summary.")
    OutageSummaryResponse recount(Caller caller, @PathVariable long id) {
        summaries.rebuildCounts(id, caller);
        return summaries.summary(id, caller);
    }

    @Get("/workload")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Who holds what, and what each person entered and verified today")
    List<WorkloadResponse> workload(Caller caller) {
        return summaries.workload(caller);
    }
}
