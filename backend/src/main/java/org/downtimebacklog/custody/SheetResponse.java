package org.downtimebacklog.custody;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * A registered sheet: where it was issued to, what form it is, where it is now, and the pack it came in. {@code
 * declaredEntries} is the number of entries declared when it was completed, {@code loggedEntries} the items logged
 * from it (any status but DUPLICATE), {@code mismatch} whether a COMPLETE sheet's two differ; {@code reason} why it
 * was marked missing or voided; {@code outageId} the outage it belongs to (its pack's, or that of the first item
 * logged from it), null while unknown; {@code version} counts its changes.
 */
@Serdeable
public record SheetResponse(String sheetId, String site, String ward, FormKind kind, SheetStatus status,
                            long packId, int number, @Nullable Long outageId, String issuedBy, Instant issuedAt,
                            @Nullable Integer declaredEntries, long loggedEntries, boolean mismatch,
                            @Nullable String reason, @Nullable Instant updatedAt, long version) {

    static SheetResponse of(FormSheet sheet, long loggedEntries) {
        return new SheetResponse(sheet.sheetId(), sheet.site(), sheet.ward(), sheet.kind(), sheet.status(),
                sheet.packId(), sheet.sheetNo(), sheet.outageId(), sheet.createdBy(), sheet.createdAt(),
                sheet.declaredEntries(), loggedEntries,
                SheetLifecycle.mismatch(sheet.status(), sheet.declaredEntries(), loggedEntries),
                sheet.statusReason(), sheet.updatedAt(), sheet.version());
    }
}
