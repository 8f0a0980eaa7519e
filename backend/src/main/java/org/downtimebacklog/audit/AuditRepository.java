package org.downtimebacklog.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
abstract class AuditRepository implements GenericRepository<AuditEvent, Long> {

    private static final String INSERT = "INSERT INTO audit_event (occurred_at, actor_id, actor_username, action, "
            + "entity_type, entity_id, item_id, changes, reason, patient_changes, patient_digest)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcOperations jdbc;

    AuditRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    abstract AuditEvent save(AuditEvent event);

    /**
     * Stores many events (without their ids) as one batch, which the driver sends as multi-row inserts
     * ({@code rewriteBatchedStatements}): a repository's saveAll would send one insert per event to read back each
     * generated id.
     */
    void insertAll(List<AuditEvent> events) {
        jdbc.prepareStatement(INSERT, ps -> {
            for (AuditEvent e : events) {
                ps.setTimestamp(1, Timestamp.from(e.occurredAt()));
                if (e.actorId() == null) {
                    ps.setNull(2, Types.BIGINT);
                } else {
                    ps.setLong(2, e.actorId());
                }
                ps.setString(3, e.actorUsername());
                ps.setString(4, e.action());
                ps.setString(5, e.entityType());
                ps.setLong(6, e.entityId());
                if (e.itemId() == null) {
                    ps.setNull(7, Types.BIGINT);
                } else {
                    ps.setLong(7, e.itemId());
                }
                ps.setString(8, e.changes());
                ps.setString(9, e.reason());
                ps.setString(10, e.patientChanges());
                ps.setString(11, e.patientDigest());
                ps.addBatch();
            }
            ps.executeBatch();
            return null;
        });
    }

    /**
     * Removes the patient values held apart by the events of these items, keeping their digest (the only column of
     * audit_event the service's database account may update); returns how many events held some.
     */
    @Query("UPDATE audit_event SET patient_changes = NULL WHERE item_id IN (:itemIds) AND patient_changes IS NOT NULL")
    abstract int removePatientChanges(Collection<Long> itemIds);

    @Query("SELECT * FROM audit_event WHERE item_id = :itemId ORDER BY id")
    abstract List<AuditEvent> findByItem(long itemId);

    @Query("""
            SELECT * FROM audit_event
            WHERE (:username IS NULL OR actor_username = :username)
              AND (:itemId IS NULL OR item_id = :itemId)
              AND (:from IS NULL OR occurred_at >= :from)
              AND (:to IS NULL OR occurred_at < :to)
              AND (:afterId IS NULL OR id > :afterId)
              AND (:allSites OR item_id IS NULL
                   OR EXISTS (SELECT 1 FROM item i WHERE i.id = audit_event.item_id AND i.site IN (:sites)))
            ORDER BY id
            LIMIT :limit""")
    abstract List<AuditEvent> search(@Nullable String username, @Nullable Long itemId, @Nullable Instant from,
                            @Nullable Instant to, @Nullable Long afterId, boolean allSites, Collection<String> sites,
                            int limit);
}
