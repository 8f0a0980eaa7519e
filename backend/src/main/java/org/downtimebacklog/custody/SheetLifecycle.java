package org.downtimebacklog.custody;

import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.ProblemException;
import org.downtimebacklog.web.Violation;
import io.micronaut.http.HttpStatus;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.downtimebacklog.custody.SheetStatus.COMPLETE;
import static org.downtimebacklog.custody.SheetStatus.IN_USE;
import static org.downtimebacklog.custody.SheetStatus.ISSUED;
import static org.downtimebacklog.custody.SheetStatus.MISSING;
import static org.downtimebacklog.custody.SheetStatus.RETURNED_UNUSED;
import static org.downtimebacklog.custody.SheetStatus.VOIDED;

/**
 * The one place that says how a sheet moves.
 * <pre>
 * ISSUED          -> IN_USE (the first item names it), COMPLETE, RETURNED_UNUSED, MISSING, VOIDED
 * IN_USE          -> COMPLETE, MISSING, VOIDED
 * COMPLETE        -> COMPLETE (the count declared again), VOIDED
 * RETURNED_UNUSED -> VOIDED
 * MISSING         -> IN_USE (found, or an item names it; when items name it), ISSUED (found, no item names it), VOIDED
 * VOIDED          -> (none)
 * </pre>
 * Items may name a sheet in any status but RETURNED_UNUSED and VOIDED; the first item moves an ISSUED sheet to
 * IN_USE, and an item naming a MISSING sheet shows that it has turned up, so it moves to IN_USE too. A COMPLETE sheet
 * stays COMPLETE (its declared count is compared with the items again). Completing declares the number of entries the
 * paper holds; marking a sheet missing or voiding it needs a reason, and a sheet that items (duplicates aside) name
 * cannot be voided.
 */
final class SheetLifecycle {

    private static final Map<SheetStatus, Set<SheetStatus>> MOVES = new EnumMap<>(SheetStatus.class);

    static {
        MOVES.put(ISSUED, EnumSet.of(IN_USE, COMPLETE, RETURNED_UNUSED, MISSING, VOIDED));
        MOVES.put(IN_USE, EnumSet.of(COMPLETE, MISSING, VOIDED));
        MOVES.put(COMPLETE, EnumSet.of(COMPLETE, VOIDED));
        MOVES.put(RETURNED_UNUSED, EnumSet.of(VOIDED));
        MOVES.put(MISSING, EnumSet.of(IN_USE, ISSUED, VOIDED));
        MOVES.put(VOIDED, EnumSet.noneOf(SheetStatus.class));
    }

    /** What each status is called in the audit trail when a sheet reaches it. */
    private static final Map<SheetStatus, String> ACTIONS = Map.of(
            IN_USE, "SHEET_IN_USE", COMPLETE, "SHEET_COMPLETED", RETURNED_UNUSED, "SHEET_RETURNED_UNUSED",
            MISSING, "SHEET_MISSING", VOIDED, "SHEET_VOIDED", ISSUED, "SHEET_FOUND");

    private SheetLifecycle() {
    }

    /** 409 unless the sheet may move from its status to {@code to}. */
    static void checkLegal(SheetStatus from, SheetStatus to) {
        if (!MOVES.get(from).contains(to)) {
            throw new ConflictException("The sheet is " + from + " and cannot become " + to + ".",
                    Map.of("currentStatus", from.name(), "requestedStatus", to.name()));
        }
    }

    /**
     * 409 when items (duplicates aside) name the sheet: it cannot be voided, since that would take the lines logged
     * from it, and any the paper holds beyond them, out of the reconciliation. Complete it with its count instead, or
     * correct the items that name it by mistake.
     */
    static void checkVoidable(String sheetId, SheetStatus status, long loggedEntries) {
        if (loggedEntries > 0) {
            throw new ConflictException("Sheet " + sheetId + " has " + loggedEntries + " item(s) logged from it and "
                    + "cannot be voided: complete it with the count of entries on the paper, or correct the items "
                    + "that name it by mistake.",
                    Map.of("currentStatus", status.name(), "requestedStatus", VOIDED.name(),
                            "loggedEntries", loggedEntries));
        }
    }

    /** The status a MISSING sheet that turned up goes back to: IN_USE when items name it, else ISSUED; 409 unless MISSING. */
    static SheetStatus found(SheetStatus from, boolean itemsNameIt) {
        if (from != MISSING) {
            throw new ConflictException("The sheet is " + from + ", not MISSING.",
                    Map.of("currentStatus", from.name(), "requestedStatus", itemsNameIt ? IN_USE.name() : ISSUED.name()));
        }
        return itemsNameIt ? IN_USE : ISSUED;
    }

    /**
     * 409 naming {@code sheetId} when an item may not name a sheet in this status: one returned unused or voided
     * takes no more entries.
     */
    static void checkTakesItems(String sheetId, SheetStatus status) {
        if (status == RETURNED_UNUSED || status == VOIDED) {
            throw new ProblemException(HttpStatus.CONFLICT, "Conflict", "Sheet " + sheetId + " is " + status
                    + "; items can no longer be logged from it. Check the id on the paper.",
                    List.of(new Violation("sheetId", "names a sheet that is " + status)),
                    Map.of("currentStatus", status.name()));
        }
    }

    /** The status after an item naming the sheet was logged: ISSUED and MISSING become IN_USE, the others stay. */
    static SheetStatus afterItemLogged(SheetStatus status) {
        return status == ISSUED || status == MISSING ? IN_USE : status;
    }

    /** The audit action of a move to {@code to} ({@code SHEET_FOUND} when a MISSING sheet turns up). */
    static String action(SheetStatus from, SheetStatus to) {
        return from == MISSING && (to == IN_USE || to == ISSUED) ? "SHEET_FOUND" : ACTIONS.get(to);
    }

    /** Whether a sheet's declared count of entries differs from the items logged from it (only a COMPLETE one's). */
    static boolean mismatch(SheetStatus status, Integer declaredEntries, long loggedEntries) {
        return status == COMPLETE && declaredEntries != null && declaredEntries != loggedEntries;
    }
}
