package org.downtimebacklog.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AuditRepository extends GenericRepository<AuditEvent, Long> {

    AuditEvent save(AuditEvent event);

    List<AuditEvent> saveAll(Iterable<AuditEvent> events);

    @Query("SELECT * FROM audit_event WHERE item_id = :itemId ORDER BY id")
    List<AuditEvent> findByItem(long itemId);

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
    List<AuditEvent> search(@Nullable String username, @Nullable Long itemId, @Nullable Instant from,
                            @Nullable Instant to, @Nullable Long afterId, boolean allSites, Collection<String> sites,
                            int limit);
}
