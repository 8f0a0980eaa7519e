package org.downtimebacklog.custody;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One sheet of a pack, by the id printed on it ({@link SheetId}) and its place in the pack (from 1). */
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
                 Instant createdAt) {
}
