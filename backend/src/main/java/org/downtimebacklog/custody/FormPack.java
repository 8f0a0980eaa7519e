package org.downtimebacklog.custody;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A pack of downtime forms printed for a ward, perhaps for an outage. */
@MappedEntity("form_pack")
record FormPack(@Id @GeneratedValue @Nullable Long id,
                String site,
                String ward,
                FormKind kind,
                int sheetCount,
                @Nullable Long outageId,
                String createdBy,
                Instant createdAt) {
}
