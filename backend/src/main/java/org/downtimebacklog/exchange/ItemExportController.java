package org.downtimebacklog.exchange;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.item.Category;
import org.downtimebacklog.item.ItemQuery;
import org.downtimebacklog.item.ItemStatus;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;
import org.downtimebacklog.web.Codes;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.Text;
import org.reactivestreams.Publisher;

@Controller("/api/exports")
@Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME, Role.AUDITOR_NAME})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Exports")
class ItemExportController {

    static final String CSV = "text/csv;charset=utf-8";

    private final ItemExportService exports;

    ItemExportController(ItemExportService exports) {
        this.exports = exports;
    }

    @Get(value = "/items.csv", produces = CSV)
    @Operation(summary = "The items at your sites as CSV, for a spreadsheet",
            description = "The same filters as GET /api/items; lowest id first; streamed. UTF-8 with a byte-order "
                    + "mark; cells that a spreadsheet would read as a formula start with an apostrophe. Patients are "
                    + "masked unless reveal=true, which needs a reason. Every export is recorded in the audit trail "
                    + "(ITEMS_EXPORTED, or ITEMS_EXPORTED_WITH_PATIENTS with the reason).")
    HttpResponse<Publisher<byte[]>> items(Caller caller,
                                          @Nullable @QueryValue Long outageId,
                                          @Nullable @QueryValue @Pattern(regexp = Codes.SITE, message = Codes.SITE_MESSAGE) String site,
                                          @Nullable @QueryValue @Size(max = 64) String ward,
                                          @Nullable @QueryValue ItemStatus status,
                                          @Nullable @QueryValue Category category,
                                          @Nullable @QueryValue @Pattern(regexp = Codes.SYSTEM, message = Codes.SYSTEM_MESSAGE) String targetSystem,
                                          @Nullable @QueryValue @Pattern(regexp = "^(true|false)$", message = "must be true or false") String highRisk,
                                          @Nullable @QueryValue @Size(max = 100) String q,
                                          @Nullable @QueryValue @Pattern(regexp = "^(true|false)$", message = "must be true or false") String reveal,
                                          @Nullable @QueryValue @Size(max = 500) String reason) {
        boolean revealed = "true".equals(reveal);
        if (revealed && Text.blankToNull(reason) == null) {
            throw InvalidInputException.badRequest("reason", "is needed to export patient identifiers: say why");
        }
        ItemQuery query = new ItemQuery(outageId, site, Text.blankToNull(ward), status, category, targetSystem,
                highRisk == null ? null : Boolean.valueOf(highRisk), Text.blankToNull(q));
        exports.record(caller, query, revealed, Text.blankToNull(reason));
        return HttpResponse.<Publisher<byte[]>>ok(exports.export(caller, query, revealed))
                .header("Content-Disposition", "attachment; filename=\"backlog-items.csv\"");
    }
}
