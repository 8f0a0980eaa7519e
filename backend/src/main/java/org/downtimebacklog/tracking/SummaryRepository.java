package org.downtimebacklog.tracking;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Aggregate reads over items for the outage summary and the workload board. What counts across outages (the queue's
 * metrics, the workload board) leaves out drill outages' items.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
interface SummaryRepository extends GenericRepository<TrackedItem, Long> {

    @Introspected
    record Count(String key, long n) {
    }

    @Introspected
    record Oldest(long id, Instant occurredAt) {
    }

    @Introspected
    record ReadyCount(long outageId, String targetSystem, long n, Instant oldest) {
    }

    /** READY items per outage and target system, and the clinical time of the oldest (reads the queue index). */
    @Query("""
            SELECT outage_id, target_system, COUNT(*) AS n, MIN(occurred_at) AS oldest FROM item
            WHERE status = 'READY' AND outage_id NOT IN (SELECT id FROM outage WHERE drill)
            GROUP BY outage_id, target_system""")
    List<ReadyCount> readyPerSystem();

    @Query("""
            SELECT id, occurred_at FROM item
            WHERE outage_id = :outageId AND closed_at IS NULL AND (:allSites = TRUE OR site IN (:sites))
            ORDER BY occurred_at, id LIMIT 1""")
    Optional<Oldest> oldestOpen(long outageId, boolean allSites, List<String> sites);

    @Query("""
            SELECT COUNT(*) FROM item
            WHERE outage_id = :outageId AND entered_at >= :since AND (:allSites = TRUE OR site IN (:sites))""")
    long countEnteredSince(long outageId, Instant since, boolean allSites, List<String> sites);

    @Query("""
            SELECT assigned_to AS `key`, COUNT(*) AS n FROM item
            WHERE status = 'ASSIGNED' AND (:allSites = TRUE OR site IN (:sites))
            AND outage_id NOT IN (SELECT id FROM outage WHERE drill) GROUP BY assigned_to""")
    List<Count> assignedPerUser(boolean allSites, List<String> sites);

    @Query("""
            SELECT entered_by AS `key`, COUNT(*) AS n FROM item
            WHERE entered_at >= :since AND (:allSites = TRUE OR site IN (:sites))
            AND outage_id NOT IN (SELECT id FROM outage WHERE drill) GROUP BY entered_by""")
    List<Count> enteredPerUser(Instant since, boolean allSites, List<String> sites);

    @Query("""
            SELECT verified_by AS `key`, COUNT(*) AS n FROM item
            WHERE verified_at >= :since AND (:allSites = TRUE OR site IN (:sites))
            AND outage_id NOT IN (SELECT id FROM outage WHERE drill) GROUP BY verified_by""")
    List<Count> verifiedPerUser(Instant since, boolean allSites, List<String> sites);
}
