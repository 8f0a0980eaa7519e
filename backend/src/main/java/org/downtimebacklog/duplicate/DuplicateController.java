package org.downtimebacklog.duplicate;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.downtimebacklog.database.RetriedOnClash;
import org.downtimebacklog.item.ItemSummaryResponse;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;

import java.util.List;
import java.util.Map;

@Controller("/api/duplicates")
@Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Possible duplicates")
@RetriedOnClash
class DuplicateController {

    private final DuplicateService duplicates;

    DuplicateController(DuplicateService duplicates) {
        this.duplicates = duplicates;
    }

    @Post("/check")
    @Secured({Role.CLERK_NAME, Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Items that an item about to be logged would repeat",
            description = "The items at the caller's sites that logging an item so described would flag as possible "
                    + "duplicates: same outage, patient (NHS number or local id), category and target system, with "
                    + "clinical times within backlog.queue.duplicate-window. Patients are shown masked. A POST so that "
                    + "patient identifiers stay out of URLs; recorded in the audit trail as a patient search.")
    List<ItemSummaryResponse> check(Caller caller, @Body @Valid DuplicateCheckRequest request) {
        return duplicates.check(request, caller);
    }

    @Get
    @Operation(summary = "Open possible duplicates of an outage",
            description = "Pairs of items about the same patient, category and target system whose clinical times "
                    + "lie within backlog.queue.duplicate-window. Confirm one by moving an item to DUPLICATE with "
                    + "duplicateOf; dismiss a pair here.")
    List<DuplicatePairResponse> open(Caller caller, @QueryValue long outageId) {
        return duplicates.open(outageId, caller);
    }

    @Post("/scan")
    @Operation(summary = "Look for possible duplicates across a whole outage now")
    Map<String, Integer> scan(Caller caller, @Body @Valid ScanRequest request) {
        return Map.of("flagged", duplicates.scan(request.outageId(), caller));
    }

    @Post("/{id}/dismiss")
    @Operation(summary = "Dismiss a pair: the two items are not the same care")
    HttpResponse<Void> dismiss(Caller caller, @PathVariable long id, @Body @Valid DismissRequest request) {
        duplicates.dismiss(id, request.reason(), caller);
        return HttpResponse.noContent();
    }
}
