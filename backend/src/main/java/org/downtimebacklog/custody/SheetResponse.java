package org.downtimebacklog.custody;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A registered sheet: where it was issued to, what form it is, where it is now, and the pack it came in. */
@Serdeable
public record SheetResponse(String sheetId, String site, String ward, FormKind kind, SheetStatus status,
                            long packId, int number, @Nullable Long outageId, String issuedBy, Instant issuedAt) {

    static SheetResponse of(FormSheet sheet) {
        return new SheetResponse(sheet.sheetId(), sheet.site(), sheet.ward(), sheet.kind(), sheet.status(),
                sheet.packId(), sheet.sheetNo(), sheet.outageId(), sheet.createdBy(), sheet.createdAt());
    }
}
