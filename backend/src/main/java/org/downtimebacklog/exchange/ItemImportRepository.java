package org.downtimebacklog.exchange;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Imports, the parts of their files, and their refused rows. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface ItemImportRepository extends CrudRepository<ItemImport, Long> {

    /** One part of a file, in the order the parts make it up. */
    @Introspected
    record Part(int partNo, byte[] content) {
    }

    /** A refused row: its cells as the file had them (a JSON array), and why it was refused. */
    @Introspected
    record Refusal(long importId, int rowNo, @Nullable String columnName, String field, String reason, String cells) {
    }

    @Query("SELECT * FROM item_import WHERE id = :id FOR UPDATE")
    Optional<ItemImport> findByIdForUpdate(long id);

    @Query("SELECT * FROM item_import WHERE outage_id = :outageId ORDER BY id DESC LIMIT :limit")
    List<ItemImport> findByOutage(long outageId, int limit);

    /** Earlier imports of the same file into the same outage that went ahead. */
    @Query("""
            SELECT id FROM item_import WHERE outage_id = :outageId AND file_sha256 = :sha256 AND id <> :id
            AND status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED') ORDER BY id""")
    List<Long> findSameFile(long outageId, String sha256, long id);

    // --- the file ---

    /** Stores a part, or replaces it when it is sent again. */
    @Query("""
            INSERT INTO item_import_part (import_id, part_no, content) VALUES (:importId, :partNo, :content)
            ON DUPLICATE KEY UPDATE content = VALUES(content)""")
    void savePart(long importId, int partNo, byte[] content);

    /** The parts received (each was checked for its size when it came). */
    @Query("SELECT part_no FROM item_import_part WHERE import_id = :importId ORDER BY part_no")
    List<Integer> partNumbers(long importId);

    @Query("SELECT part_no, content FROM item_import_part WHERE import_id = :importId ORDER BY part_no")
    List<Part> parts(long importId);

    @Query("DELETE FROM item_import_part WHERE import_id = :importId")
    void deleteParts(long importId);

    // --- running: one node at a time holds an import's lease ---

    @Query("""
            SELECT id FROM item_import WHERE status IN ('QUEUED', 'RUNNING') AND (lease_until IS NULL OR lease_until < :now)
            ORDER BY id LIMIT 1""")
    Optional<Long> findClaimable(Instant now);

    @Query("""
            UPDATE item_import SET status = 'RUNNING', lease_owner = :owner, lease_until = :until
            WHERE id = :id AND status IN ('QUEUED', 'RUNNING') AND (lease_until IS NULL OR lease_until < :now)""")
    int claim(long id, String owner, Instant until, Instant now);

    /** Moves the import on by a batch of rows and renews the lease; 0 when this node no longer holds it. */
    @Query("""
            UPDATE item_import SET next_row = :nextRow, rows_stored = rows_stored + :stored,
            rows_already = rows_already + :already, rows_refused = rows_refused + :refused, lease_until = :until
            WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner""")
    int advance(long id, String owner, int nextRow, int stored, int already, int refused, Instant until);

    @Query("""
            UPDATE item_import SET status = :status, failure = :failure, finished_at = :now, lease_owner = NULL,
            lease_until = NULL WHERE id = :id AND status = 'RUNNING' AND lease_owner = :owner""")
    int finish(long id, String owner, ImportStatus status, @Nullable String failure, Instant now);

    /** Lets another node take over at once what this one was running (on a clean shutdown). */
    @Query("UPDATE item_import SET lease_until = NULL, lease_owner = NULL WHERE lease_owner = :owner AND status = 'RUNNING'")
    int releaseLeases(String owner);

    /** Uploads never started, begun before {@code before}. */
    @Query("SELECT id FROM item_import WHERE status IN ('UPLOADING', 'UPLOADED') AND created_at < :before")
    List<Long> findAbandoned(Instant before);

    // --- refused rows ---

    @Query("""
            INSERT INTO item_import_refusal (import_id, row_no, column_name, field, reason, cells)
            VALUES (:importId, :rowNo, :columnName, :field, :reason, :cells)
            ON DUPLICATE KEY UPDATE column_name = VALUES(column_name), field = VALUES(field), reason = VALUES(reason),
            cells = VALUES(cells)""")
    void saveRefusal(long importId, int rowNo, @Nullable String columnName, String field, String reason, String cells);

    @Query("""
            SELECT import_id, row_no, column_name, field, reason, cells FROM item_import_refusal
            WHERE import_id = :importId AND row_no > :afterRow ORDER BY row_no LIMIT :limit""")
    List<Refusal> refusals(long importId, int afterRow, int limit);

    // --- retention ---

    /** Empties the cells (a copy of the file's row) of up to {@code limit} refused rows of the outage's imports. */
    @Query("""
            UPDATE item_import_refusal SET cells = '[]', purged_at = :now
            WHERE purged_at IS NULL AND import_id IN (SELECT id FROM item_import WHERE outage_id = :outageId)
            LIMIT :limit""")
    int purgeRefusals(long outageId, int limit, Instant now);
}
