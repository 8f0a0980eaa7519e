package org.downtimebacklog.report;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * The report's view of a row of the item table, the type its repository is declared over; its statements read items
 * (and their audit events) in aggregate. The item itself belongs to the item feature.
 */
@MappedEntity("item")
record ReportItem(@Id Long id) {
}
