package org.downtimebacklog.outage;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
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
import jakarta.validation.Valid;
import org.downtimebacklog.database.RetriedOnClash;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;

import java.net.URI;
import java.util.List;

@Controller("/api/outages")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Outages")
@RetriedOnClash
class OutageController {

    private final OutageService outages;

    OutageController(OutageService outages) {
        this.outages = outages;
    }

    @Post
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Declare an outage", description = "The caller must work at every site named.")
    HttpResponse<OutageResponse> create(Caller caller, @Body @Valid OutageCreateRequest request) {
        OutageResponse created = outages.create(request, caller);
        return HttpResponse.created(created, URI.create("/api/outages/" + created.id()));
    }

    @Get
    @Operation(summary = "Outages at the caller's sites, newest first")
    List<OutageResponse> list(Caller caller) {
        return outages.list(caller);
    }

    @Get("/{id}")
    @Operation(summary = "One outage with each system's state")
    OutageResponse get(Caller caller, @PathVariable long id) {
        return outages.get(id, caller);
    }

    @Post("/{id}/systems/{system}/recovered")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Record when a clinical system came back")
    OutageResponse recovered(Caller caller, @PathVariable long id, @PathVariable String system,
                             @Body @Valid RecoveryRequest request) {
        return outages.recordRecovery(id, system, request, caller);
    }

    @Post("/{id}/close")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Close an outage", description = "No more items can be logged against a closed outage.")
    OutageResponse close(Caller caller, @PathVariable long id) {
        return outages.close(id, caller);
    }
}
