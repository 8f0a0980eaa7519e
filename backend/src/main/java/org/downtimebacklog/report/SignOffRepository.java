package org.downtimebacklog.report;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface SignOffRepository extends GenericRepository<SignOff, Long> {

    SignOff save(SignOff signOff);

    Optional<SignOff> findById(Long outageId);

    /**
     * Locks the outage's row, so that sign-offs of one outage are made one at a time: a second request, sent again
     * while the first runs, waits for it and then finds its sign-off.
     */
    @Query("SELECT COUNT(*) FROM outage WHERE id = :outageId FOR UPDATE")
    long lockOutage(long outageId);

    /** The sign-off, locked: one node at a time purges an outage. */
    @Query("SELECT * FROM outage_sign_off WHERE outage_id = :outageId FOR UPDATE")
    Optional<SignOff> findForUpdate(long outageId);

    /**
     * Outages signed off at or before the cutoff that still hold patient details: a closed item not purged, or a
     * refused import row not emptied.
     */
    @Query("""
            SELECT s.outage_id FROM outage_sign_off s
            WHERE s.signed_at <= :cutoff
              AND (EXISTS (SELECT 1 FROM item i
                           WHERE i.outage_id = s.outage_id AND i.purged_at IS NULL AND i.closed_at IS NOT NULL)
                   OR EXISTS (SELECT 1 FROM item_import_refusal r JOIN item_import m ON m.id = r.import_id
                              WHERE m.outage_id = s.outage_id AND r.purged_at IS NULL))
            ORDER BY s.outage_id""")
    List<Long> findDueForPurge(Instant cutoff);
}
