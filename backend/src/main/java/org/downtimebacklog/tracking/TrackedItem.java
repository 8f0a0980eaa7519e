package org.downtimebacklog.tracking;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * Tracking's view of a row of the item table, the type its repositories are declared over; their statements read
 * items and the running counts in aggregate. The item itself belongs to the item feature.
 */
@MappedEntity("item")
record TrackedItem(@Id Long id) {
}
