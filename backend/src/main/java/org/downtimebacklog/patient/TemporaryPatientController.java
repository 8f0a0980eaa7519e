package org.downtimebacklog.patient;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.downtimebacklog.database.RetriedOnClash;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;

import java.net.URI;

@Controller("/api/temporary-patients")
@Secured({Role.CLERK_NAME, Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Temporary patients")
@RetriedOnClash
class TemporaryPatientController {

    private final TemporaryPatientService patients;

    TemporaryPatientController(TemporaryPatientService patients) {
        this.patients = patients;
    }

    @Post
    @Operation(summary = "Issue a temporary identity for a patient not yet identified",
            description = "TMP-<site>-<n>, the site's next number (unique across every instance), for one of your "
                    + "sites (else 422 naming site). Log items under it as patient.localId. Audited.")
    @ApiResponse(responseCode = "201", description = "Issued",
            content = @Content(schema = @Schema(implementation = TemporaryPatientResponse.class)))
    HttpResponse<TemporaryPatientResponse> issue(Caller caller, @Body @Valid TemporaryPatientCreateRequest request) {
        TemporaryPatientResponse issued = patients.issue(request, caller);
        return HttpResponse.created(issued, URI.create("/api/temporary-patients/" + issued.temporaryId()));
    }

    @Get("/{temporaryId}")
    @Operation(summary = "A temporary identity and how many items are logged under it",
            description = "Of your sites (else 404). Once merged, the ids of the items the merge moved (mergedItems) "
                    + "and of those already entered in their system (backEntered). Audited as a view.")
    TemporaryPatientResponse get(Caller caller, @PathVariable String temporaryId) {
        return patients.get(temporaryId, caller);
    }

    @Post("/{temporaryId}/merge")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Merge a temporary identity into the patient's NHS number or local id",
            description = "Every item logged under it at its site moves to the real identifier in one transaction, "
                    + "each audited; possible duplicates are looked for again. Exactly one of nhsNumber (Modulus 11) "
                    + "or localId (422 naming it). A drill's items go only to a test NHS number (999...), a real "
                    + "outage's never. Sent again into the same NHS number or local id, answers as the first did "
                    + "(audited as a view); 409 when already merged into another. Items can then no longer be logged "
                    + "under it.")
    MergeResponse merge(Caller caller, @PathVariable String temporaryId, @Body @Valid MergeRequest request) {
        return patients.merge(temporaryId, request, caller);
    }
}
