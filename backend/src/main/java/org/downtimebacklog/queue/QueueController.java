package org.downtimebacklog.queue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.downtimebacklog.item.ItemResponse;
import org.downtimebacklog.item.ItemSummaryResponse;
import org.downtimebacklog.database.RetriedOnClash;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;
import org.downtimebacklog.web.ETags;

import java.util.List;

@Controller("/api/queue")
@Secured({Role.CLERK_NAME, Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Queue")
@RetriedOnClash
class QueueController {

    private final QueueService queue;

    QueueController(QueueService queue) {
        this.queue = queue;
    }

    @Post("/next")
    @Operation(summary = "Take the next item",
            description = "The highest-priority READY item at your sites in your target systems (narrowed by the "
                    + "request), ties to the oldest clinical time, now ASSIGNED to you. Each item goes to one person only.")
    @ApiResponse(responseCode = "200", description = "The item, with everything needed to enter it")
    @ApiResponse(responseCode = "204", description = "Nothing fits")
    @ApiResponse(responseCode = "409", description = "You already hold the most items allowed (backlog.queue.max-assigned)")
    HttpResponse<ItemResponse> next(Caller caller, @Body @Nullable @Valid NextRequest request) {
        NextRequest asked = request == null ? new NextRequest(null, null, null) : request;
        // many claim at once: a claim the database stopped for a clash with another (on a cluster, another node took
        // the same item first) was rolled back whole, so it is simply made again (@RetriedOnClash)
        return queue.next(asked, caller)
                .map(item -> HttpResponse.ok(item).header(HttpHeaders.ETAG, ETags.of(item.version())))
                .orElseGet(HttpResponse::noContent);
    }

    @Get("/mine")
    @Operation(summary = "The items you hold now, most urgent first")
    List<ItemResponse> mine(Caller caller) {
        return queue.mine(caller);
    }

    @Get("/verify")
    @Operation(summary = "Items waiting for your second check",
            description = "ENTERED items that need verification (four eyes), in your sites and systems, entered by"
                    + " someone else; most urgent first, at most 200.")
    List<ItemSummaryResponse> toVerify(Caller caller) {
        return queue.awaitingVerification(caller);
    }
}
