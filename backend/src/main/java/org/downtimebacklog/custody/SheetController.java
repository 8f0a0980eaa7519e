package org.downtimebacklog.custody;

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

@Controller("/api/sheets")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Form packs")
@RetriedOnClash
class SheetController {

    private static final String MOVES = " Team leads only (403 otherwise); a sheet of a site not yours is not found "
            + "(404); a mistyped id is 422 naming sheetId; a move its status does not allow is 409. Recorded in the "
            + "audit trail.";

    private final SheetService sheets;

    SheetController(SheetService sheets) {
        this.sheets = sheets;
    }

    @Get("/{sheetId}")
    @Operation(summary = "A printed sheet, by the id on it",
            description = "Its site, ward, kind and status, the pack it came in, the entries declared and logged "
                    + "from it. The id may be typed in any case; one whose form or check character is wrong is "
                    + "answered 422 naming sheetId (mistyped), and a sheet of a site not yours is not found.")
    SheetResponse sheet(Caller caller, @PathVariable String sheetId) {
        return sheets.find(sheetId, caller);
    }

    @Post("/{sheetId}/complete")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Mark a sheet COMPLETE, declaring how many entries it holds",
            description = "declaredEntries: 0 to " + SheetService.MAX_ENTRIES + ", as counted on the paper. From "
                    + "ISSUED, IN_USE or COMPLETE (to correct the count). mismatch says whether it differs from the "
                    + "items logged from the sheet (any status but DUPLICATE)." + MOVES)
    SheetResponse complete(Caller caller, @PathVariable String sheetId, @Body @Valid SheetCompleteRequest request) {
        return sheets.complete(sheetId, request.declaredEntries(), caller);
    }

    @Post("/{sheetId}/return-unused")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Mark a sheet RETURNED_UNUSED",
            description = "It came back with nothing on it: only from ISSUED. Items can no longer name it." + MOVES)
    SheetResponse returnUnused(Caller caller, @PathVariable String sheetId) {
        return sheets.returnUnused(sheetId, caller);
    }

    @Post("/{sheetId}/missing")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Mark a sheet MISSING, saying why",
            description = "reason: 1 to 500 characters, required (422). From ISSUED or IN_USE. Items may still name "
                    + "it: the first one shows it has turned up and moves it to IN_USE." + MOVES)
    SheetResponse missing(Caller caller, @PathVariable String sheetId, @Body @Valid SheetReasonRequest request) {
        return sheets.missing(sheetId, request.reason(), caller);
    }

    @Post("/{sheetId}/void")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Void a sheet, saying why",
            description = "reason: 1 to 500 characters, required (422). From any status but VOIDED, and only while "
                    + "no item (duplicates aside) names it: else 409 with loggedEntries. Items can no longer name it."
                    + MOVES)
    SheetResponse voided(Caller caller, @PathVariable String sheetId, @Body @Valid SheetReasonRequest request) {
        return sheets.voided(sheetId, request.reason(), caller);
    }

    @Post("/{sheetId}/found")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "A MISSING sheet has turned up",
            description = "Back to IN_USE when items name it, else ISSUED; only from MISSING." + MOVES)
    SheetResponse found(Caller caller, @PathVariable String sheetId) {
        return sheets.found(sheetId, caller);
    }
}
