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
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.downtimebacklog.account.CallerService;
import org.downtimebacklog.security.Role;

import java.net.URI;
import java.util.List;

@Controller("/api/outages")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Outages")
class OutageController {

    private final OutageService outages;
    private final CallerService callers;

    OutageController(OutageService outages, CallerService callers) {
        this.outages = outages;
        this.callers = callers;
    }

    @Post
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Declare an outage", description = "The caller must work at every site named.")
    HttpResponse<OutageResponse> create(Authentication authentication, @Body @Valid OutageCreateRequest request) {
        OutageResponse created = outages.create(request, callers.resolve(authentication));
        return HttpResponse.created(created, URI.create("/api/outages/" + created.id()));
    }

    @Get
    @Operation(summary = "Outages at the caller's sites, newest first")
    List<OutageResponse> list(Authentication authentication) {
        return outages.list(callers.resolve(authentication));
    }

    @Get("/{id}")
    @Operation(summary = "One outage with each system's state")
    OutageResponse get(Authentication authentication, @PathVariable long id) {
        return outages.get(id, callers.resolve(authentication));
    }

    @Post("/{id}/systems/{system}/recovered")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Record when a clinical system came back")
    OutageResponse recovered(Authentication authentication, @PathVariable long id, @PathVariable String system,
                             @Body @Valid RecoveryRequest request) {
        return outages.recordRecovery(id, system, request, callers.resolve(authentication));
    }

    @Post("/{id}/close")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Close an outage", description = "No more items can be logged against a closed outage.")
    OutageResponse close(Authentication authentication, @PathVariable long id) {
        return outages.close(id, callers.resolve(authentication));
    }
}
