package org.downtimebacklog.queue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.downtimebacklog.item.ItemResponse;
import org.downtimebacklog.item.ItemWorkflow;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;
import org.downtimebacklog.web.ETags;

/** The queue's actions on named items: release one, and a team lead's assignment and bulk actions. */
@Controller("/api/items")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Backlog items")
class BulkController {

    private final ItemWorkflow workflow;
    private final BulkService bulk;

    BulkController(ItemWorkflow workflow, BulkService bulk) {
        this.workflow = workflow;
        this.bulk = bulk;
    }

    @Post("/{id}/release")
    @Secured({Role.CLERK_NAME, Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Give an assigned item back to the queue", description = "By its assignee or a team lead.")
    HttpResponse<ItemResponse> release(Caller caller, @PathVariable long id,
                                       @Body @Nullable @Valid ReleaseRequest request) {
        ItemResponse item = workflow.release(id, request == null ? null : request.reason(), caller);
        return HttpResponse.ok(item).header(HttpHeaders.ETAG, ETags.of(item.version()));
    }

    @Post("/assign")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Give READY items to a person",
            description = "Answers for each item: 200 with the item, or its own status and problem detail.")
    BulkResponse assign(Caller caller, @Body @Valid AssignRequest request) {
        return bulk.assign(request, caller);
    }

    @Post("/bulk")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Hold, close as not required, release or re-prioritise many items",
            description = "action HOLD or NOT_REQUIRED (with reason), OVERRIDE_PRIORITY (band and reason), "
                    + "CLEAR_PRIORITY, RELEASE. Each item is changed on its own; partial failures are answered per item.")
    BulkResponse bulk(Caller caller, @Body @Valid BulkRequest request) {
        return bulk.apply(request, caller);
    }
}
