package org.downtimebacklog.exchange;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A column mapping saved under a name (JSON), for the next file of the same shape. */
@MappedEntity("import_mapping")
record StoredMapping(@Id String name, String mapping, String updatedBy, Instant updatedAt) {
}
