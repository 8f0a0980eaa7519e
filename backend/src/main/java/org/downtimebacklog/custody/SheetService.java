package org.downtimebacklog.custody;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.AccessDeniedException;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.NotFoundException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Registered sheets, found by the id printed on them, and moved through their lifecycle ({@link SheetLifecycle}) by
 * team leads: each move recorded in the audit trail.
 */
@Singleton
public class SheetService {

    static final String ENTITY = "FORM_SHEET";
    /** The most entries a sheet may be declared to hold. */
    public static final int MAX_ENTRIES = 1000;

    static final String NOT_A_SHEET_ID = "is not a sheet id, or is mistyped: sheet ids read like S-RGH-0000081-X, as "
            + "printed at the top of the sheet";
    static final String MISTYPED = "is mistyped: its last character, the check character, does not match the rest; "
            + "read it again from the sheet, or scan its QR code";

    private final FormSheetRepository sheets;
    private final AuditService audit;
    private final Clock clock;

    SheetService(FormSheetRepository sheets, AuditService audit, Clock clock) {
        this.sheets = sheets;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The sheet with this id, typed in any case. An id whose form or check character is wrong is refused (422
     * naming {@code sheetId}) before anything is looked up; a sheet of a site not the caller's is not found.
     */
    @Transactional(readOnly = true)
    public SheetResponse find(String typed, Caller caller) {
        String id = checkedId(typed);
        FormSheet sheet = sheets.findBySheetId(id).filter(s -> caller.canAccessSite(s.site()))
                .orElseThrow(() -> new NotFoundException("Sheet " + id));
        return response(sheet);
    }

    /** COMPLETE, declaring how many entries the paper holds (compared with the items logged from it). */
    @Transactional
    public SheetResponse complete(String typed, int declaredEntries, Caller caller) {
        FormSheet sheet = lockVisible(typed, caller);
        SheetLifecycle.checkLegal(sheet.status(), SheetStatus.COMPLETE);
        return move(sheet, SheetStatus.COMPLETE, declaredEntries, null, caller);
    }

    /** RETURNED_UNUSED: it came back with nothing written on it. */
    @Transactional
    public SheetResponse returnUnused(String typed, Caller caller) {
        FormSheet sheet = lockVisible(typed, caller);
        SheetLifecycle.checkLegal(sheet.status(), SheetStatus.RETURNED_UNUSED);
        return move(sheet, SheetStatus.RETURNED_UNUSED, null, null, caller);
    }

    /** MISSING, saying why (where it was last seen, who was asked). */
    @Transactional
    public SheetResponse missing(String typed, String reason, Caller caller) {
        FormSheet sheet = lockVisible(typed, caller);
        SheetLifecycle.checkLegal(sheet.status(), SheetStatus.MISSING);
        return move(sheet, SheetStatus.MISSING, null, reason.strip(), caller);
    }

    /**
     * VOIDED, saying why (spoilt, printed twice): it takes no more items. Only while no item (but duplicates) names it:
     * a voided sheet leaves the reconciliation, so voiding one with lines logged from it would hide what the paper
     * holds and was never logged.
     */
    @Transactional
    public SheetResponse voided(String typed, String reason, Caller caller) {
        FormSheet sheet = lockVisible(typed, caller);
        SheetLifecycle.checkLegal(sheet.status(), SheetStatus.VOIDED);
        long logged = sheets.loggedEntries(List.of(sheet.sheetId())).getOrDefault(sheet.sheetId(), 0L);
        SheetLifecycle.checkVoidable(sheet.sheetId(), sheet.status(), logged);
        return move(sheet, SheetStatus.VOIDED, null, reason.strip(), caller);
    }

    /** A MISSING sheet turned up: IN_USE when items name it, else ISSUED. */
    @Transactional
    public SheetResponse found(String typed, Caller caller) {
        FormSheet sheet = lockVisible(typed, caller);
        long logged = sheets.loggedEntries(List.of(sheet.sheetId())).getOrDefault(sheet.sheetId(), 0L);
        return move(sheet, SheetLifecycle.found(sheet.status(), logged > 0), null, null, caller);
    }

    /** The id as typed, in capitals; 422 naming {@code sheetId} when its form or check character is wrong. */
    static String checkedId(String typed) {
        String id = SheetId.normalise(typed);
        if (!SheetId.isWellFormed(id)) {
            throw InvalidInputException.of("sheetId", NOT_A_SHEET_ID);
        }
        if (!SheetId.isValid(id)) {
            throw InvalidInputException.of("sheetId", MISTYPED);
        }
        return id;
    }

    private FormSheet lockVisible(String typed, Caller caller) {
        if (!caller.isLead()) {
            throw AccessDeniedException.forbidden("Only a team lead can change a sheet's status.");
        }
        String id = checkedId(typed);
        return sheets.findBySheetIdForUpdate(id).filter(s -> caller.canAccessSite(s.site()))
                .orElseThrow(() -> new NotFoundException("Sheet " + id));
    }

    private SheetResponse move(FormSheet sheet, SheetStatus to, @Nullable Integer declared, @Nullable String reason,
                               Caller caller) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        sheets.updateState(sheet.id(), to.name(), declared, reason, sheet.outageId(), now);
        audit.record(caller, SheetLifecycle.action(sheet.status(), to), ENTITY, sheet.id(), null, Changes.none()
                .set("sheetId", sheet.sheetId())
                .field("status", sheet.status(), to)
                .field("declaredEntries", sheet.declaredEntries(), declared), reason);
        return response(sheets.findBySheetId(sheet.sheetId()).orElseThrow());
    }

    private SheetResponse response(FormSheet sheet) {
        return SheetResponse.of(sheet, sheets.loggedEntries(List.of(sheet.sheetId())).getOrDefault(sheet.sheetId(), 0L));
    }
}
