package org.downtimebacklog.custody;

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

@Controller("/api/form-packs")
@Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Form packs")
@RetriedOnClash
class FormPackController {

    static final String PDF = "application/pdf";

    private final FormPackService packs;

    FormPackController(FormPackService packs) {
        this.packs = packs;
    }

    @Post
    @Operation(summary = "Make a pack of downtime forms for a ward",
            description = "count sheets (1 to 200) of one kind for a ward of one of your sites, each registered as "
                    + "ISSUED under its own sheet id (S-<site>-<serial>-<check>). With outageId, for that outage: "
                    + "one you can see (else 404), at the site (else 422), still open (else 409); without, for the "
                    + "ward's downtime box. Print it from pdf. Recorded in the audit trail.")
    @ApiResponse(responseCode = "201", description = "Made; its sheets are ISSUED",
            content = @Content(schema = @Schema(implementation = FormPackResponse.class)))
    HttpResponse<FormPackResponse> createPack(Caller caller, @Body @Valid FormPackCreateRequest request) {
        FormPackResponse created = packs.create(request, caller);
        return HttpResponse.created(created, URI.create("/api/form-packs/" + created.id()));
    }

    @Get("/{id}")
    @Operation(summary = "A pack and its sheets")
    FormPackResponse pack(Caller caller, @PathVariable long id) {
        return packs.get(id, caller);
    }

    @Get(value = "/{id}/pdf", produces = PDF)
    @Operation(summary = "The pack to print, as a PDF",
            description = "A4, one page per sheet: the form's name, the sheet id as text and as a QR code, the site "
                    + "and ward, a box for the patient's label and ruled lines for time of care, what, given by and "
                    + "signature. Each download is recorded in the audit trail.")
    @ApiResponse(responseCode = "200", description = "The pack",
            content = @Content(mediaType = PDF, schema = @Schema(type = "string", format = "binary")))
    HttpResponse<byte[]> packPdf(Caller caller, @PathVariable long id) {
        return HttpResponse.ok(packs.pdf(id, caller))
                .header("Content-Disposition", "attachment; filename=\"form-pack-" + id + ".pdf\"");
    }
}
