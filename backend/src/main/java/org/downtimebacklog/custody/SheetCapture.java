package org.downtimebacklog.custody;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.item.CaptureWarning;
import org.downtimebacklog.item.SheetCheck;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.InvalidInputException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * The sheets items name, as they are logged or corrected. The id must be well formed with a matching check character
 * and be of the item's site (422 naming {@code sheetId}); a sheet returned unused or voided takes no items (409). A
 * registered sheet is locked while the item is stored, so that two first items at once queue on it: the first moves
 * it from ISSUED to IN_USE (and a MISSING one, which has turned up, to IN_USE), the second finds it IN_USE. A sheet of a
 * pack printed ahead of any outage joins the outage of the first item logged from it. A well-formed id that is not
 * registered (a sheet printed elsewhere) is accepted with a warning and counted among the outage's unknown sheets.
 */
@Singleton
class SheetCapture implements SheetCheck {

    static final String OTHER_WARD = "SHEET_OF_OTHER_WARD";
    static final String NOT_REGISTERED = "SHEET_NOT_REGISTERED";

    private final FormSheetRepository sheets;
    private final AuditService audit;
    private final Clock clock;

    SheetCapture(FormSheetRepository sheets, AuditService audit, Clock clock) {
        this.sheets = sheets;
        this.audit = audit;
        this.clock = clock;
    }

    /*
     * Not itself transactional (it runs in the item's transaction): a refusal must not mark that transaction for
     * rollback, since a batch goes on with its other items.
     */
    @Override
    public List<CaptureWarning> check(String sheetId, String site, String ward, Caller caller) {
        String id = SheetService.checkedId(sheetId);
        if (!SheetId.siteCodeOf(id).equals(SheetId.siteCode(site))) {
            throw InvalidInputException.of("sheetId", "is a sheet of another site, not of " + site);
        }
        Optional<FormSheet> found = sheets.findBySheetIdForUpdate(id);
        if (found.isEmpty()) {
            return List.of(new CaptureWarning("sheetId", NOT_REGISTERED, "Sheet " + id + " is not registered here "
                    + "(it may come from a pack printed elsewhere); it is counted among the outage's unknown sheets"));
        }
        FormSheet sheet = found.get();
        if (!sheet.site().equals(site)) {
            throw InvalidInputException.of("sheetId", "is a sheet of another site, not of " + site);
        }
        SheetLifecycle.checkTakesItems(id, sheet.status());
        if (!sameWard(sheet.ward(), ward)) {
            return List.of(new CaptureWarning("sheetId", OTHER_WARD,
                    "Sheet " + id + " was issued to ward " + sheet.ward()));
        }
        return List.of();
    }

    @Override
    @Transactional(propagation = MANDATORY)
    public void logged(String sheetId, long outageId, List<Long> itemIds, Caller caller) {
        Optional<FormSheet> found = sheets.findBySheetIdForUpdate(SheetId.normalise(sheetId));
        if (found.isEmpty()) {
            return;
        }
        FormSheet sheet = found.get();
        SheetStatus to = SheetLifecycle.afterItemLogged(sheet.status());
        Long outage = sheet.outageId() == null ? Long.valueOf(outageId) : sheet.outageId();
        if (to == sheet.status() && outage.equals(sheet.outageId())) {
            return;
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        sheets.updateState(sheet.id(), to.name(), sheet.declaredEntries(),
                to == sheet.status() ? sheet.statusReason() : null, outage, now);
        String action = to == sheet.status() ? "SHEET_JOINED_OUTAGE" : SheetLifecycle.action(sheet.status(), to);
        audit.record(caller, action, SheetService.ENTITY, sheet.id(), itemIds.get(0), Changes.none()
                .set("sheetId", sheet.sheetId())
                .field("status", sheet.status(), to)
                .field("outageId", sheet.outageId(), outage)
                .set("items", itemIds), to == sheet.status() ? null : "an item was logged from it");
    }

    private static boolean sameWard(String a, String b) {
        return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }
}
