package org.downtimebacklog.custody;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.downtimebacklog.security.Caller;

@Controller("/api/sheets")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Form packs")
class SheetController {

    private final SheetService sheets;

    SheetController(SheetService sheets) {
        this.sheets = sheets;
    }

    @Get("/{sheetId}")
    @Operation(summary = "A printed sheet, by the id on it",
            description = "Its site, ward, kind and status, and the pack it came in. The id may be typed in any case; "
                    + "one whose form or check character is wrong is answered 422 naming sheetId (mistyped), and a "
                    + "sheet of a site not yours is not found.")
    SheetResponse sheet(Caller caller, @PathVariable String sheetId) {
        return sheets.find(sheetId, caller);
    }
}
