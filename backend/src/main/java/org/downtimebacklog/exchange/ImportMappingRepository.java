package org.downtimebacklog.exchange;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ImportMappingRepository extends CrudRepository<StoredMapping, String> {

    @Query("SELECT * FROM import_mapping ORDER BY updated_at DESC, name LIMIT 200")
    List<StoredMapping> newestFirst();

    /** Saves the mapping under its name, replacing one saved before. */
    @Query("""
            INSERT INTO import_mapping (name, mapping, updated_by, updated_at) VALUES (:name, :mapping, :updatedBy, :updatedAt)
            ON DUPLICATE KEY UPDATE mapping = VALUES(mapping), updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)""")
    void upsert(String name, String mapping, String updatedBy, Instant updatedAt);
}
