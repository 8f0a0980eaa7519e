package org.downtimebacklog.custody;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One sheet of a pack, by the id printed on it ({@link SheetId}) and its place in the pack (from 1); where it is in
 * its lifecycle ({@link SheetLifecycle}), the entries declared when it was completed, why it was marked missing or
 * voided, and the outage it belongs to (that of its pack, or of the first item logged from it).
 */
@MappedEntity("form_sheet")
record FormSheet(@Id @GeneratedValue @Nullable Long id,
                 String sheetId,
                 long packId,
                 int sheetNo,
                 String site,
                 String ward,
                 FormKind kind,
                 SheetStatus status,
                 @Nullable Long outageId,
                 String createdBy,
                 Instant createdAt,
                 @Nullable Integer declaredEntries,
                 @Nullable String statusReason,
                 @Nullable Instant updatedAt,
                 long version) {
}
