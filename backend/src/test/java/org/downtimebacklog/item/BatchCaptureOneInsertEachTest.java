package org.downtimebacklog.item;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/**
 * Batch capture where the database cannot return the rows of a multi-row insert (MySQL 8, or
 * {@code BACKLOG_DB_INSERT_RETURNING=false}): an insert per item, and every test of {@link BatchCaptureTest} holds.
 */
@MicronautTest(transactional = false)
@Property(name = "backlog.database.insert-returning", value = "false")
class BatchCaptureOneInsertEachTest extends BatchCaptureTest {
}
