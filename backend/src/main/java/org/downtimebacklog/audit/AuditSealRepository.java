package org.downtimebacklog.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface AuditSealRepository extends GenericRepository<AuditSeal, Long> {

    List<AuditSeal> saveAll(Iterable<AuditSeal> seals);

    /** The chain's last link, locked: sealers on several nodes take turns. */
    @Query("SELECT * FROM audit_seal ORDER BY seq DESC LIMIT 1 FOR UPDATE")
    Optional<AuditSeal> lastForUpdate();

    @Query("SELECT * FROM audit_seal ORDER BY seq DESC LIMIT 1")
    Optional<AuditSeal> last();

    @Query("""
            SELECT e.* FROM audit_event e
            WHERE e.id > :floor AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = e.id)
            ORDER BY e.id
            LIMIT :limit""")
    List<AuditEvent> unsealed(long floor, int limit);

    @Query("SELECT * FROM audit_seal WHERE seq > :afterSeq ORDER BY seq LIMIT :limit")
    List<AuditSeal> sealsAfter(long afterSeq, int limit);

    @Query("SELECT * FROM audit_event WHERE id IN (:ids)")
    List<AuditEvent> events(List<Long> ids);

    @Query("""
            SELECT COUNT(*) FROM audit_event e
            WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.audit_id = e.id)""")
    long countUnsealed();
}
