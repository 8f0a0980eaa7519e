package org.downtimebacklog.exchange;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;

/**
 * An import's file as uploaded and then read: its name and size, and once whole, its SHA-256, how it was encoded and
 * delimited, its header row (a JSON array) and how many rows it holds.
 */
@Embeddable
record ImportFile(@MappedProperty("file_name") String name,
                  @MappedProperty("file_size") long size,
                  @MappedProperty("file_sha256") @Nullable String sha256,
                  @MappedProperty("charset") @Nullable String charset,
                  @MappedProperty("field_delimiter") @Nullable String delimiter,
                  @MappedProperty("headers") @Nullable String headers,
                  @MappedProperty("total_rows") @Nullable Integer totalRows) {
}
