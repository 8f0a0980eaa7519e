package org.downtimebacklog.queue;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The queue's view of a row of the item table: the id it hands out. The item itself belongs to the item feature. */
@MappedEntity("item")
record QueueEntry(@Id Long id) {
}
