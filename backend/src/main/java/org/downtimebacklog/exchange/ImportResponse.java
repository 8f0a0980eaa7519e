package org.downtimebacklog.exchange;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * An import as its people see it: the file (upload it in parts of {@code partSize} bytes), what was read from it,
 * the mapping the service suggests (from a saved mapping that fits the headers, named, or from the headers' names),
 * how far it has gone, and earlier imports of the identical file into this outage.
 */
@Serdeable
public record ImportResponse(long id, long outageId, String fileName, long size, int partSize, ImportStatus status,
                             @Nullable String charset, @Nullable String delimiter, List<String> headers,
                             @Nullable Integer totalRows, int rowsDone, int rowsStored, int rowsAlreadyImported,
                             int rowsRefused, @Nullable ImportMapping suggestedMapping,
                             @Nullable String suggestedMappingName, @Nullable ImportMapping mapping,
                             List<Long> sameFileImportedBefore, @Nullable String failure, String createdBy,
                             Instant createdAt, @Nullable String startedBy, @Nullable Instant startedAt,
                             @Nullable Instant finishedAt) {
}
