package org.downtimebacklog.exchange;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Relation;

import java.time.Instant;

/**
 * A spreadsheet brought into an outage: its file, the mapping it was started with (JSON), how far it has gone, who
 * uploaded and who started it (the items are logged as that person), and which node runs it until when.
 */
@MappedEntity("item_import")
record ItemImport(@Id @GeneratedValue @Nullable Long id,
                  long outageId,
                  ImportStatus status,
                  @Relation(Relation.Kind.EMBEDDED) ImportFile file,
                  @Nullable String mapping,
                  @Relation(Relation.Kind.EMBEDDED) ImportProgress progress,
                  @Nullable String failure,
                  String createdBy,
                  Instant createdAt,
                  @Nullable Long startedById,
                  @Nullable String startedBy,
                  @Nullable Instant startedAt,
                  @Nullable Instant finishedAt,
                  @Nullable String leaseOwner,
                  @Nullable Instant leaseUntil) {

    static ItemImport uploading(long outageId, String fileName, long size, String createdBy, Instant now) {
        return new ItemImport(null, outageId, ImportStatus.UPLOADING,
                new ImportFile(fileName, size, null, null, null, null, null), null, ImportProgress.NONE, null,
                createdBy, now, null, null, null, null, null, null);
    }
}
