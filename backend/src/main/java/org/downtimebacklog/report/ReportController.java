package org.downtimebacklog.report;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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

@Controller("/api/outages/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Recovery report")
@RetriedOnClash
class ReportController {

    static final String PDF = "application/pdf";

    private final ReportService reports;
    private final SignOffService signOffs;

    ReportController(ReportService reports, SignOffService signOffs) {
        this.reports = reports;
        this.signOffs = signOffs;
    }

    @Get("/report")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME, Role.AUDITOR_NAME})
    @Operation(summary = "The outage's recovery report",
            description = "For team leads, administrators and auditors of one of the outage's sites: the timeline, "
                    + "counts by status, category, ward and system, throughput per hour and time to clear, the sheet "
                    + "reconciliation, exceptions (not-required reasons, duplicates, holds, items still open, sheets "
                    + "not accounted for), four-eyes figures, the sign-off "
                    + "and retention. Items are named by reference only; the report names no patient. The same as a "
                    + "PDF at report.pdf. Each reading is recorded in the audit trail.")
    RecoveryReport report(Caller caller, @PathVariable long id) {
        return reports.report(id, caller, "json");
    }

    @Get(value = "/report.pdf", produces = PDF)
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME, Role.AUDITOR_NAME})
    @Operation(summary = "The outage's recovery report as a PDF",
            description = "A4, the sections of the report in order; times in UTC. Recorded in the audit trail.")
    @ApiResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = PDF, schema = @Schema(type = "string", format = "binary")))
    HttpResponse<byte[]> reportPdf(Caller caller, @PathVariable long id) {
        RecoveryReport report = reports.report(id, caller, "pdf");
        return HttpResponse.ok(ReportPdf.render(report))
                .header("Content-Disposition", "attachment; filename=\"recovery-report-"
                        + report.outage().reference() + ".pdf\"");
    }

    @Post("/sign-off")
    @Secured(Role.TEAM_LEAD_NAME)
    @Operation(summary = "Sign the outage off as reconciled",
            description = "By a team lead of every site of the outage, once it is closed. Every item still open (by "
                    + "its reference) and every sheet not accounted for (by its sheet id) must be named in exceptions "
                    + "with a reason (422 naming exceptions[i].ref or exceptions[i].reason when one is missing or "
                    + "names no exception of the report; 409 listing the uncovered when one is left out). One sign-off per outage: the same request again from the same person "
                    + "answers 200 with it, any other 409. Items may still be corrected afterwards; the report lists "
                    + "them as changed after sign-off. Recorded in the audit trail.")
    @ApiResponse(responseCode = "201", description = "Signed off",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecoveryReport.SignOffView.class)))
    @ApiResponse(responseCode = "200", description = "The same request was made before: the sign-off it made",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecoveryReport.SignOffView.class)))
    HttpResponse<RecoveryReport.SignOffView> signOff(Caller caller, @PathVariable long id,
                                                     @Body @Valid SignOffRequest request) {
        SignOffService.Outcome outcome = signOffs.signOff(id, request, caller);
        return HttpResponse.<RecoveryReport.SignOffView>status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(outcome.signOff());
    }
}
