package org.downtimebacklog.custody;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.NotFoundException;

/** Registered sheets, found by the id printed on them. */
@Singleton
public class SheetService {

    static final String NOT_A_SHEET_ID = "is not a sheet id, or is mistyped: sheet ids read like S-RGH-0000081-X, as "
            + "printed at the top of the sheet";
    static final String MISTYPED = "is mistyped: its last character, the check character, does not match the rest; "
            + "read it again from the sheet, or scan its QR code";

    private final FormSheetRepository sheets;

    SheetService(FormSheetRepository sheets) {
        this.sheets = sheets;
    }

    /**
     * The sheet with this id, typed in any case. An id whose form or check character is wrong is refused (422
     * naming {@code sheetId}) before anything is looked up; a sheet of a site not the caller's is not found.
     */
    @Transactional(readOnly = true)
    public SheetResponse find(String typed, Caller caller) {
        String id = SheetId.normalise(typed);
        if (!SheetId.isWellFormed(id)) {
            throw InvalidInputException.of("sheetId", NOT_A_SHEET_ID);
        }
        if (!SheetId.isValid(id)) {
            throw InvalidInputException.of("sheetId", MISTYPED);
        }
        return sheets.findBySheetId(id).filter(s -> caller.canAccessSite(s.site())).map(SheetResponse::of)
                .orElseThrow(() -> new NotFoundException("Sheet " + id));
    }
}
